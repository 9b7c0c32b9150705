import { Gauge, type Registry } from 'prom-client';
import type { Clock, TimerHandle } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import type { VerdictConfig } from './config.js';
import type { VerdictService } from './service.js';
import type { VerdictValue } from './types.js';

const GAUGE_VALUE: Record<VerdictValue, number> = { SAFE: 1, UNSAFE: 0, UNKNOWN: -1 };

/**
 * Re-judges the configured candidate sets every `scheduleSeconds` and exports
 * `gapwatch_gc_verdict{candidate}`: 1 SAFE, 0 UNSAFE, -1 UNKNOWN. A candidate not judged yet
 * reads -1, so an alert on "== 1" never fires before the first verdict.
 */
export class ScheduledVerdicts {
  private readonly gauge: Gauge<'candidate'>;
  private timer: TimerHandle | null = null;
  private running = false;

  constructor(
    private readonly service: VerdictService,
    private readonly config: Pick<VerdictConfig, 'candidates' | 'scheduleSeconds'>,
    private readonly clock: Clock,
    private readonly log: Logger,
    registry: Registry,
  ) {
    this.gauge = new Gauge({
      name: 'gapwatch_gc_verdict',
      help: 'GC-safe retention verdict per configured candidate: 1 SAFE, 0 UNSAFE, -1 UNKNOWN.',
      labelNames: ['candidate'] as const,
      registers: [registry],
    });
    for (const candidate of config.candidates) {
      this.gauge.set({ candidate: candidate.name }, GAUGE_VALUE.UNKNOWN);
    }
  }

  start(): void {
    if (this.config.candidates.length === 0) {
      return;
    }
    this.log.info({ candidates: this.config.candidates.length, everySeconds: this.config.scheduleSeconds }, 'scheduled verdicts starting');
    this.schedule(0);
  }

  stop(): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
      this.log.info('scheduled verdicts stopped');
    }
  }

  /** Judges every configured candidate once and updates the gauge. */
  async runOnce(): Promise<void> {
    for (const candidate of this.config.candidates) {
      try {
        const verdict = await this.service.judge({ delete: candidate.delete, keep: candidate.keep });
        this.gauge.set({ candidate: candidate.name }, GAUGE_VALUE[verdict.verdict]);
      } catch (err) {
        this.gauge.set({ candidate: candidate.name }, GAUGE_VALUE.UNKNOWN);
        this.log.error({ err, candidate: candidate.name }, 'scheduled verdict failed');
      }
    }
  }

  private schedule(delayMs: number): void {
    this.timer = this.clock.setTimeout(() => {
      if (this.running) {
        return;
      }
      this.running = true;
      void this.runOnce().finally(() => {
        this.running = false;
        this.schedule(this.config.scheduleSeconds * 1000);
      });
    }, delayMs);
  }
}
