import { join } from 'node:path';
import { systemClock, type Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { createCertsTasks } from './certs/task.js';
import type { AgentConfig } from './config.js';
import { CertsDir } from './containerd/certsd.js';
import { PullTracker } from './containerd/tracker.js';
import { createDiskTasks } from './disk/task.js';
import { createEgressTasks } from './egress/task.js';
import { FindingsScheduler } from './findings/scheduler.js';
import type { FindingsTask, FindingsTaskDeps } from './findings/task.js';
import { createLintTasks } from './lint/task.js';
import { AgentMetrics } from './metrics/registry.js';
import { startMetricsServer } from './metrics/server.js';
import { createProbesTasks } from './probes/task.js';
import { Reporter } from './report/reporter.js';
import { ReportSender } from './report/sender.js';
import { Spool } from './report/spool.js';
import { AgentRuntime } from './runtime/runtime.js';
import { FileSource } from './sources/file.js';
import { JournaldSource } from './sources/journald.js';
import type { LogSource } from './sources/types.js';
import { AgentState } from './state/agent-state.js';

export interface AgentDeps {
  logger: Logger;
  clock?: Clock;
  version?: string;
  /** Process metrics (CPU, memory, event loop) on /metrics; off in tests that start several agents. */
  processMetrics?: boolean;
}

export interface RunningAgent {
  metricsPort: number;
  stop(options: { flush: boolean; deadlineMs?: number }): Promise<void>;
}

/** Wires state, spool, source, tracker, reporter, findings tasks and /metrics, then starts them. */
export async function startAgent(config: AgentConfig, deps: AgentDeps): Promise<RunningAgent> {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger.child({ node: config.node });

  const state = new AgentState(config.stateDir);
  const metrics = new AgentMetrics({ processMetrics: deps.processMetrics ?? false });
  const spool = new Spool({ dir: join(config.stateDir, 'spool'), maxBytes: config.spoolMaxBytes, clock, logger });
  metrics.spoolQuarantined.inc(spool.quarantined);

  const certs = new CertsDir(config.certsDir, { logger, clock });
  const tracker = new PullTracker({ node: config.node, hosts: certs, abandonAfterMs: config.abandonAfterSeconds * 1000, logger, clock });
  const source = createSource(config, clock, logger);

  const scheduler = new FindingsScheduler(createTasks(config, logger), { clock, logger, metrics });
  let runtime: AgentRuntime | null = null;
  const reporter = new Reporter({
    node: config.node,
    role: config.role,
    agentVersion: deps.version ?? '0.1.0',
    intervalMs: config.intervalSeconds * 1000,
    batchSize: config.batchSize,
    spool,
    state,
    sender: new ReportSender({
      collectorUrl: config.collectorUrl,
      tokenFile: config.tokenFile,
      collectorCaFile: config.collectorCaFile,
      clientCertFile: config.clientCertFile,
      clientKeyFile: config.clientKeyFile,
    }),
    clock,
    logger,
    metrics,
    readerStats: () => runtime?.readerStats() ?? { linesRead: 0, parseErrors: 0, ambiguousLines: 0 },
    takeFindings: () => scheduler.takeLatest(),
  });
  runtime = new AgentRuntime({ source, tracker, reporter, metrics, clock, logger, startPosition: state.position });

  const activeRuntime = runtime;
  const server = await startMetricsServer({ listen: config.metricsListen, metrics, healthy: () => activeRuntime.healthy, logger });
  activeRuntime.start();
  scheduler.start();
  logger.info({ agentId: state.agentId, collector: config.collectorUrl, source: config.source.kind, stateDir: config.stateDir }, 'agent started');

  return {
    metricsPort: server.port,
    async stop(options) {
      await scheduler.stop();
      await activeRuntime.stop(options);
      await server.close();
      logger.info({ unsentReports: spool.length }, 'agent stopped');
    },
  };
}

function createSource(config: AgentConfig, clock: Clock, logger: Logger): LogSource {
  if (config.source.kind === 'file') {
    return new FileSource({ path: config.source.path, clock, logger });
  }
  return new JournaldSource({ unit: config.source.unit, directory: config.source.directory, clock, logger });
}

function createTasks(config: AgentConfig, logger: Logger): FindingsTask[] {
  const deps: FindingsTaskDeps = { node: config.node, logger, containerdRoot: config.containerdRoot, certsDir: config.certsDir };
  return [
    ...createProbesTasks(config.probes, deps),
    ...createEgressTasks(config.egress, deps),
    ...createLintTasks(config.lint, deps),
    ...createCertsTasks(config.certs, deps),
    ...createDiskTasks(config.disk, deps),
  ];
}
