import { strictValidatorCompiler } from '../collector/ingest/strict-validator.js';
import { PullRecordSchema } from '../wire/pull.js';
import { ReportSchema } from '../wire/report.js';
import { ReportBodyBuilder, pullRecordLength, writePullRecord } from './ingest-body.js';
import { pullFragmentPool } from './ingest-body-pool.js';
import { ingestBenchError } from './ingest-errors.js';
import { REPORT_INTERVAL_SECONDS, START_MS, imageCatalog, nodeIdentity, type WorkloadShape } from './ingest-workload.js';

type Validate = ((body: unknown) => boolean) & { errors?: unknown };

const SAMPLE_NODES = [0, 1, 50];
const SAMPLE_REPORTS_PER_NODE = 2;

/**
 * Validates the bench workload with the collector's own validator, so a bench never measures
 * a workload the collector would reject. Every pull fragment of the pool is checked as a
 * record, then the first two report bodies of a few nodes are checked as reports, for
 * increasing seq and for pull ids that do not repeat.
 */
export function checkWorkload(shape: WorkloadShape, withFindings: boolean): void {
  const compile = strictValidatorCompiler();
  const validatePull = compile({ schema: PullRecordSchema, method: 'POST', url: '/api/v1/reports', httpPart: 'body' }) as unknown as Validate;
  const validateReport = compile({ schema: ReportSchema, method: 'POST', url: '/api/v1/reports', httpPart: 'body' }) as unknown as Validate;
  const catalog = imageCatalog(shape.images);

  checkPool(shape, catalog, validatePull);
  checkSampleReports(shape, catalog, withFindings, validateReport);
}

function checkPool(shape: WorkloadShape, catalog: readonly string[], validatePull: Validate): void {
  const pool = pullFragmentPool(shape.seed, catalog);
  const sentAtMs = START_MS + REPORT_INTERVAL_SECONDS * 1000;

  for (const [index, fragment] of pool.entries()) {
    const bytes = Buffer.alloc(pullRecordLength(fragment));
    writePullRecord(bytes, 0, fragment, sentAtMs, shape.seed, 0, 1, index);
    const record = JSON.parse(bytes.toString()) as unknown;
    if (!validatePull(record)) {
      throw ingestBenchError('GW_BENCH_INGEST_WORKLOAD', { node: nodeIdentity(0).node, reason: `pull fragment ${index}: ${JSON.stringify(validatePull.errors)}` });
    }
  }
}

function checkSampleReports(shape: WorkloadShape, catalog: readonly string[], withFindings: boolean, validateReport: Validate): void {
  const builder = new ReportBodyBuilder(shape, catalog);
  const seenIds = new Set<string>();

  for (const index of new Set([...SAMPLE_NODES, shape.nodes - 1].filter((index) => index < shape.nodes))) {
    const identity = nodeIdentity(index);
    let previousSeq = 0;

    for (let report = 0; report < SAMPLE_REPORTS_PER_NODE; report++) {
      const body = JSON.parse(builder.next(identity, withFindings && report === 0).body.toString()) as { seq: number; pulls: Array<{ id: string }> };
      if (!validateReport(body)) {
        throw ingestBenchError('GW_BENCH_INGEST_WORKLOAD', { node: identity.node, reason: JSON.stringify(validateReport.errors) });
      }

      if (body.seq <= previousSeq) {
        throw ingestBenchError('GW_BENCH_INGEST_WORKLOAD', { node: identity.node, reason: `seq ${body.seq} does not follow seq ${previousSeq}` });
      }
      previousSeq = body.seq;

      for (const pull of body.pulls) {
        if (seenIds.has(pull.id)) {
          throw ingestBenchError('GW_BENCH_INGEST_WORKLOAD', { node: identity.node, reason: `pull id ${pull.id} repeats an id of an earlier record` });
        }
        seenIds.add(pull.id);
      }
    }
  }
}
