import { Counter, type Registry } from 'prom-client';

export type ReportResult =
  | 'accepted'
  | 'replayed'
  | 'invalid'
  | 'not_json'
  | 'too_large'
  | 'unsupported_media_type'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'auth_unavailable'
  | 'store_failed';

export type PullResult = 'stored' | 'duplicate';

/** Counters of the ingest endpoint since the process started (they reset on restart, as counters may). */
export class IngestMetrics {
  private readonly reports: Counter<'result'>;
  private readonly pulls: Counter<'result'>;

  constructor(registry: Registry) {
    this.reports = new Counter({
      name: 'gapwatch_ingest_reports_total',
      help: 'Reports received on POST /api/v1/reports since the collector started, by result.',
      labelNames: ['result'],
      registers: [registry],
    });
    this.pulls = new Counter({
      name: 'gapwatch_ingest_pulls_total',
      help: 'Pull records in accepted reports since the collector started: stored, or duplicate of a stored id.',
      labelNames: ['result'],
      registers: [registry],
    });
    this.reports.inc({ result: 'accepted' }, 0);
    this.pulls.inc({ result: 'stored' }, 0);
    this.pulls.inc({ result: 'duplicate' }, 0);
  }

  countReport(result: ReportResult): void {
    this.reports.inc({ result });
  }

  countPulls(result: PullResult, count: number): void {
    if (count > 0) {
      this.pulls.inc({ result }, count);
    }
  }
}
