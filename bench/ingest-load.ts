import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../core/log.js';
import { percentiles } from '../core/percentiles.js';
import type { StartMessage, WorkerPlan, WorkerResult } from './ingest-agents.js';
import { ingestBenchError } from './ingest-errors.js';
import type { WorkloadShape } from './ingest-workload.js';

export interface LoadOptions {
  url: string;
  agents: number;
  workers: number;
  shape: WorkloadShape;
  /** Time bound in seconds. */
  seconds: number;
  reportsPerNode: number | null;
  findingsOnFirstReport: boolean;
  logger: Logger;
}

/** Totals of one load run over every worker. */
export interface LoadResult {
  wallSeconds: number;
  reports: number;
  accepted: number;
  duplicates: number;
  replayed: number;
  pullsSent: number;
  failures: number;
  failureSample: string | null;
  /** Accepted pull records per wall-clock second, counted from acks. */
  acceptedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  loadCpuSeconds: number;
}

const WORKER_SCRIPT = fileURLToPath(new URL('./ingest-agents.js', import.meta.url));

/** Forks the load workers, starts them together and sums their results. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const children: ChildProcess[] = [];
  const results: Promise<WorkerResult>[] = [];

  for (let worker = 0; worker < options.workers; worker++) {
    const plan: WorkerPlan = {
      worker,
      url: options.url,
      agents: range(options.agents).filter((agent) => agent % options.workers === worker),
      agentCount: options.agents,
      shape: options.shape,
      reportsPerNode: options.reportsPerNode,
      findingsOnFirstReport: options.findingsOnFirstReport,
    };
    const child = fork(WORKER_SCRIPT, [JSON.stringify(plan)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(child);
    const result = workerResult(child, worker);
    // Rejections after the run (a worker killed in `finally`) are expected, not unhandled.
    result.catch(() => undefined);
    results.push(result);
  }

  try {
    // A worker that dies before it is ready rejects its result, which ends the wait.
    await Promise.all(children.map((child, worker) => Promise.race([once(child, 'message'), results[worker]])));
    const started = performance.now();
    const start: StartMessage = { type: 'start', deadline: Date.now() + options.seconds * 1000 };
    options.logger.info({ workers: options.workers, agents: options.agents, seconds: options.seconds, url: options.url }, 'load started');
    for (const child of children) {
      child.send(start);
    }
    const done = await Promise.all(results);
    const wallSeconds = (performance.now() - started) / 1000;
    options.logger.info({ wallSeconds }, 'load finished');
    return summarize(done, wallSeconds);
  } finally {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  }
}

function workerResult(child: ChildProcess, worker: number): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    child.on('message', (message: { type: string }) => {
      if (message.type === 'result') {
        resolve(message as WorkerResult);
      }
    });
    child.once('exit', (code, signal) => {
      reject(ingestBenchError('GW_BENCH_INGEST_WORKER', { worker, status: signal ? `signal ${signal}` : `code ${code}` }));
    });
  });
}

function summarize(results: readonly WorkerResult[], wallSeconds: number): LoadResult {
  const latencies = results.flatMap((result) => result.latenciesMs);
  const [p50 = null, p99 = null, max = null] = percentiles(latencies, [0.5, 0.99, 1]);
  const sum = (pick: (result: WorkerResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  const accepted = sum((result) => result.accepted);
  return {
    wallSeconds,
    reports: sum((result) => result.reports),
    accepted,
    duplicates: sum((result) => result.duplicates),
    replayed: sum((result) => result.replayed),
    pullsSent: sum((result) => result.pullsSent),
    failures: sum((result) => result.failures),
    failureSample: results.find((result) => result.failureSample !== null)?.failureSample ?? null,
    acceptedPerSecond: accepted / wallSeconds,
    p50Ms: p50 ?? NaN,
    p99Ms: p99 ?? NaN,
    maxMs: max ?? NaN,
    loadCpuSeconds: sum((result) => result.cpuSeconds),
  };
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}
