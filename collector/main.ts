import { systemClock, type Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { AuthMetrics } from './auth/auth-metrics.js';
import { createCollectorAuth } from './auth/collector-auth.js';
import { httpsOptions } from './auth/tls-options.js';
import type { TokenReviewer } from './auth/token-review.js';
import { parseListen, type CollectorConfig } from './config.js';
import { createCollectorMetrics } from './metrics/collector-metrics.js';
import { ClusterView } from './kube/cluster-view.js';
import { registerIstioMetrics } from './kube/istio/metrics.js';
import { kubeSourceFromConfig } from './kube/source-from-config.js';
import { unconfiguredCluster } from './kube/unconfigured.js';
import { mirrorCompleteness } from './registry/mirror-completeness.js';
import { startRetention, type Retention } from './retention.js';
import { buildCollectorServer } from './server.js';
import type { CollectorServices } from './services.js';
import { openSqliteStore } from './store/sqlite-store.js';
import { storeAgentDirectory, storePullHistory } from './store/verdict-sources.js';
import { tracedAgentDirectory, tracedMirror, tracedPullHistory } from './tracing/verdict-trace.js';
import { ScheduledVerdicts } from './verdict/schedule.js';
import { VERDICT_RULES } from './verdict/rules.js';
import { VerdictService } from './verdict/service.js';
import { tracedRules } from './tracing/verdict-trace.js';

/** A running collector. */
export interface RunningCollector {
  /** Base URL the server listens on, `http://127.0.0.1:9410` (`https://` with a `tls` section). */
  url: string;
  services: CollectorServices;
  /** Stops accepting requests, then closes the database. Safe to call twice. */
  close(): Promise<void>;
}

/** Opens the store, restores metrics, and serves HTTP on the configured address. */
export async function startCollector(options: {
  config: CollectorConfig;
  logger: Logger;
  clock?: Clock;
  /** Replaces the TokenReview client, for tests; the fake API server through `kube.url` is preferred. */
  tokenReviewer?: TokenReviewer;
}): Promise<RunningCollector> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const listen = parseListen(config.listen);
  // Credentials and certificates are read before the database opens, so a bad file fails fast.
  const auth = config.auth || config.tls
    ? createCollectorAuth({
        auth: config.auth,
        tls: config.tls,
        kube: config.kube,
        clock,
        log: logger.child({ component: 'auth' }),
        ...(options.tokenReviewer ? { reviewer: options.tokenReviewer } : {}),
      })
    : null;
  const https = config.tls ? httpsOptions(config.tls) : null;

  const store = openSqliteStore(config.databasePath, clock, logger);
  let retention: Retention | null = null;
  let clusterView: ClusterView | null = null;
  let scheduled: ScheduledVerdicts | null = null;
  try {
    const metrics = createCollectorMetrics({
      store,
      clock,
      imageLabelLimit: config.imageLabelLimit,
      overdueFactor: config.agentOverdueFactor,
    });
    const istioTargetVersion = config.verdict.istioTargetVersion === '' ? null : config.verdict.istioTargetVersion;
    if (config.kube) {
      clusterView = new ClusterView(kubeSourceFromConfig(config.kube), clock, logger);
      registerIstioMetrics(metrics.registry, clusterView, { targetVersion: istioTargetVersion });
    } else {
      logger.warn('no kube section in the config: the collector watches no cluster and every verdict is UNKNOWN');
    }
    const verdictService = new VerdictService(
      {
        cluster: clusterView ?? unconfiguredCluster(clock.now()),
        pulls: tracedPullHistory(storePullHistory(store)),
        agents: tracedAgentDirectory(storeAgentDirectory(store)),
        mirror: tracedMirror(mirrorCompleteness(config.registry, logger.child({ component: 'mirror' }))),
        clock,
        log: logger.child({ component: 'verdict' }),
      },
      {
        windows: {
          observationMs: config.verdict.observationWindowSeconds * 1000,
          rollbackMs: config.verdict.rollbackWindowSeconds * 1000,
          overdueFactor: config.verdict.overdueFactor,
        },
        protectedImages: config.verdict.protectedImages,
        rules: tracedRules(VERDICT_RULES),
      },
    );
    scheduled = new ScheduledVerdicts(verdictService, config.verdict, clock, logger.child({ component: 'verdict' }), metrics.registry);

    const services: CollectorServices = {
      config,
      store,
      metrics,
      logger,
      clock,
      verdictService,
      istioTargetVersion,
      ...(clusterView ? { clusterView } : {}),
      ...(auth ? { auth, authMetrics: new AuthMetrics(metrics.registry) } : {}),
    };
    const app = await buildCollectorServer(services, https);
    retention = startRetention({ store, clock, logger, retentionDays: config.historyRetentionDays });
    await app.listen({ host: listen.host, port: listen.port });
    clusterView?.start();
    scheduled.start();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : listen.port;
    const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
    const url = `${https ? 'https' : 'http'}://${host}:${port}`;
    logger.info({ url, database: config.databasePath, tls: https ? (https.requestCert ? 'mtls' : 'tls') : 'off' }, 'collector started');

    let closing: Promise<void> | null = null;
    const activeRetention = retention;
    const activeCluster = clusterView;
    const activeSchedule = scheduled;
    return {
      url,
      services,
      close() {
        closing ??= (async () => {
          activeRetention.stop();
          activeSchedule.stop();
          await app.close();
          await activeCluster?.stop();
          await store.close();
          logger.info({ url }, 'collector stopped');
        })();
        return closing;
      },
    };
  } catch (err) {
    retention?.stop();
    scheduled?.stop();
    await clusterView?.stop();
    await store.close();
    throw err;
  }
}
