import { systemClock, type Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { parseListen, type CollectorConfig } from './config.js';
import { createCollectorMetrics } from './metrics/collector-metrics.js';
import { startRetention, type Retention } from './retention.js';
import { buildCollectorServer } from './server.js';
import type { CollectorServices } from './services.js';
import { openSqliteStore } from './store/sqlite-store.js';

/** A running collector. */
export interface RunningCollector {
  /** Base URL the server listens on, `http://127.0.0.1:9410`. */
  url: string;
  services: CollectorServices;
  /** Stops accepting requests, then closes the database. Safe to call twice. */
  close(): Promise<void>;
}

/** Opens the store, restores metrics, and serves HTTP on the configured address. */
export async function startCollector(options: { config: CollectorConfig; logger: Logger; clock?: Clock }): Promise<RunningCollector> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const listen = parseListen(config.listen);

  const store = openSqliteStore(config.databasePath, clock);
  let retention: Retention | null = null;
  try {
    const metrics = createCollectorMetrics({
      store,
      clock,
      imageLabelLimit: config.imageLabelLimit,
      overdueFactor: config.agentOverdueFactor,
    });
    const services: CollectorServices = { config, store, metrics, logger, clock };
    const app = await buildCollectorServer(services);
    retention = startRetention({ store, clock, logger, retentionDays: config.historyRetentionDays });
    await app.listen({ host: listen.host, port: listen.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : listen.port;
    const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
    const url = `http://${host}:${port}`;
    logger.info({ url, database: config.databasePath }, 'collector started');

    let closing: Promise<void> | null = null;
    const activeRetention = retention;
    return {
      url,
      services,
      close() {
        closing ??= (async () => {
          activeRetention.stop();
          await app.close();
          store.close();
          logger.info({ url }, 'collector stopped');
        })();
        return closing;
      },
    };
  } catch (err) {
    retention?.stop();
    store.close();
    throw err;
  }
}
