import { strictValidatorCompiler } from '../collector/ingest/strict-validator.js';
import { ReportSchema } from '../wire/report.js';
import { ingestBenchError } from './ingest-errors.js';
import { imageCatalog, nextReport, nodeIdentity, type WorkloadShape } from './ingest-workload.js';

/**
 * Validates the first two reports of a few nodes against the wire schema with the collector's
 * own validator, so a bench never measures a workload the collector would reject.
 */
export function checkWorkload(shape: WorkloadShape, withFindings: boolean): void {
  const compile = strictValidatorCompiler();
  const validate = compile({ schema: ReportSchema, method: 'POST', url: '/api/v1/reports', httpPart: 'body' }) as unknown as ((
    body: unknown,
  ) => boolean) & { errors?: unknown };
  const catalog = imageCatalog(shape.images);

  for (const index of new Set([0, 1, 50, shape.nodes - 1].filter((index) => index < shape.nodes))) {
    const identity = nodeIdentity(index);
    for (let report = 0; report < 2; report++) {
      const body = JSON.parse(JSON.stringify(nextReport(shape, catalog, identity, withFindings && report === 0))) as unknown;
      if (!validate(body)) {
        throw ingestBenchError('GW_BENCH_INGEST_WORKLOAD', { node: identity.node, reason: JSON.stringify(validate.errors) });
      }
    }
  }
}
