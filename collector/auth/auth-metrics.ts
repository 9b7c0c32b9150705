import { Counter, type Registry } from 'prom-client';

/** Counter of rejected requests; labels are fixed words, never a token or identity. */
export class AuthMetrics {
  private readonly rejections: Counter<'route' | 'reason'>;

  constructor(registry: Registry) {
    this.rejections = new Counter({
      name: 'gapwatch_collector_auth_rejections_total',
      help: 'Requests rejected by authentication, authorization or the ingest rate limit since the collector started, by route and reason.',
      labelNames: ['route', 'reason'],
      registers: [registry],
    });
  }

  countRejection(route: 'reports' | 'verdicts' | 'read', reason: string): void {
    this.rejections.inc({ route, reason });
  }
}
