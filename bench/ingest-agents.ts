// Load worker of the ingest benches, started by fork() from bench/ingest-load.ts. It runs a
// share of the simulated agents: each agent reports for its nodes in turn over its own
// keep-alive connection and waits for the ack before sending the next report, as the real
// agent does. The parent sends one `start` message and the worker replies with one `result`.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { createLogger, RateLimitedLog } from '../core/log.js';
import type { ReportAck } from '../wire/report.js';
import { ReportBodyBuilder } from './ingest-body.js';
import { postJson } from './ingest-body-post.js';
import { imageCatalog, nodeIdentity, nodesOfAgent, type NodeIdentity, type WorkloadShape } from './ingest-workload.js';

/** Work plan the parent passes to a worker as JSON in argv[2]. */
export interface WorkerPlan {
  worker: number;
  url: string;
  /** Indexes of the simulated agents this worker runs. */
  agents: number[];
  agentCount: number;
  shape: WorkloadShape;
  /** Stop sending after this many reports per node; null runs until the deadline. */
  reportsPerNode: number | null;
  /** Attach every findings section to each node's first report. */
  findingsOnFirstReport: boolean;
}

export interface StartMessage {
  type: 'start';
  /** Epoch milliseconds after which no new report is sent. */
  deadline: number;
}

export interface WorkerResult {
  type: 'result';
  worker: number;
  reports: number;
  accepted: number;
  duplicates: number;
  replayed: number;
  /** Pull records in acknowledged reports, whatever the ack counted. */
  pullsSent: number;
  failures: number;
  failureSample: string | null;
  latenciesMs: number[];
  cpuSeconds: number;
}

const FAILURE_PAUSE_MS = 200;
const FAILURE_LOG_INTERVAL_MS = 10_000;

const plan = JSON.parse(process.argv[2] ?? '{}') as WorkerPlan;
const logger = createLogger({ name: 'bench-agents' }).child({ worker: plan.worker });
const failureLog = new RateLimitedLog(FAILURE_LOG_INTERVAL_MS);
const bodies = new ReportBodyBuilder(plan.shape, imageCatalog(plan.shape.images));
const pool = new Pool(plan.url, { connections: plan.agents.length, pipelining: 1, keepAliveTimeout: 120_000 });

const result: WorkerResult = {
  type: 'result',
  worker: plan.worker,
  reports: 0,
  accepted: 0,
  duplicates: 0,
  replayed: 0,
  pullsSent: 0,
  failures: 0,
  failureSample: null,
  latenciesMs: [],
  cpuSeconds: 0,
};

process.once('message', (message: StartMessage) => {
  void run(message.deadline);
});
process.send?.({ type: 'ready' });

async function run(deadline: number): Promise<void> {
  const cpuBefore = process.cpuUsage();
  await Promise.all(plan.agents.map((agent) => runAgent(agent, deadline)));
  const cpu = process.cpuUsage(cpuBefore);
  result.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await pool.close();
  process.send?.(result, () => process.exit(0));
}

async function runAgent(agent: number, deadline: number): Promise<void> {
  const identities = nodesOfAgent(agent, plan.agentCount, plan.shape.nodes).map(nodeIdentity);
  const limit = plan.reportsPerNode === null ? Infinity : plan.reportsPerNode * identities.length;
  let sent = 0;

  while (sent < limit && Date.now() < deadline && identities.length > 0) {
    const identity = identities[sent % identities.length] as NodeIdentity;
    const report = bodies.next(identity, plan.findingsOnFirstReport && identity.nextSeq === 1);
    sent += 1;

    const started = performance.now();
    try {
      const response = await postJson(pool, '/api/v1/reports', report.body);
      const text = response.text;
      const elapsed = performance.now() - started;
      if (response.statusCode !== 200) {
        noteFailure(`HTTP ${response.statusCode} for ${identity.node} seq ${report.seq}: ${text.slice(0, 300)}`);
        continue;
      }
      const ack = JSON.parse(text) as ReportAck;
      result.reports += 1;
      result.accepted += ack.accepted;
      result.duplicates += ack.duplicates;
      result.replayed += ack.replayed ? 1 : 0;
      result.pullsSent += report.pulls;
      result.latenciesMs.push(elapsed);
    } catch (err) {
      noteFailure(`${identity.node} seq ${report.seq}: ${(err as Error).message}`);
      // A dead or overloaded server should not turn the loop into a busy spin.
      await new Promise((resolve) => setTimeout(resolve, FAILURE_PAUSE_MS));
    }
  }
}

function noteFailure(description: string): void {
  result.failures += 1;
  result.failureSample ??= description;
  failureLog.run('request', (suppressed) => {
    logger.warn({ failure: description, suppressed }, 'report request failed');
  });
}
