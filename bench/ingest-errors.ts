import { defineErrors } from '../core/errors.js';

/** Errors raised by the collector ingest and scrape benchmarks. */
export const ingestBenchError = defineErrors({
  GW_BENCH_INGEST_START: {
    message: '{server} did not report its URL within {seconds} s (exit {status}): {stderr}',
    fix: 'run `{command}` by hand to see why it does not start, and run `npm run build` first',
  },
  GW_BENCH_INGEST_PROC: {
    message: 'cannot read {field} of process {pid} from {file}: {reason}',
    fix: 'run the bench on Linux with /proc mounted; it reads VmHWM from /proc/<pid>/status',
  },
  GW_BENCH_INGEST_OPTION: {
    message: 'option --{option} is invalid: {value}',
    fix: '{hint}',
  },
  GW_BENCH_INGEST_WORKLOAD: {
    message: 'the generated report for node {node} breaks the wire schema: {reason}',
    fix: 'bring bench/ingest-body-pool.ts or bench/ingest-findings.ts in line with the schemas in wire/',
  },
  GW_BENCH_INGEST_WORKER: {
    message: 'load worker {worker} exited with {status} before sending its result',
    fix: 'run the bench again and read the worker error printed above it',
  },
  GW_BENCH_INGEST_NO_ACKS: {
    message: '{server} acknowledged no report: {errors} requests failed, first failure: {sample}',
    fix: 'check the server log printed above and that {url} accepts POST /api/v1/reports',
  },
  GW_BENCH_SCRAPE_FAILED: {
    message: 'GET {url} returned HTTP {status}: {body}',
    fix: 'read the collector log printed above for the error behind the failed scrape',
  },
});
