import { Gauge, type Registry } from 'prom-client';
import type { Clock, TimerHandle } from '../../core/clock.js';
import { RateLimitedLog, type Logger } from '../../core/log.js';
import type { VerdictConfig } from './config.js';
import type { VerdictService } from './service.js';
import type { VerdictValue } from './types.js';

const GAUGE_VALUE: Record<VerdictValue, number> = { SAFE: 1, UNSAFE: 0, UNKNOWN: -1 };

// A candidate that keeps failing logs once per window, with the number of repeats held back.
const FAILURE_LOG_INTERVAL_MS = 10 * 60_000;

/**
 * Re-judges the configured candidate sets every `scheduleSeconds` and exports
 * `gapwatch_gc_verdict{candidate}`: 1 SAFE, 0 UNSAFE, -1 UNKNOWN. A candidate not judged yet
 * reads -1, so an alert on "== 1" never fires before the first verdict.
 */
export class ScheduledVerdicts {
  private readonly gauge: Gauge<'candidate'>;
  private timer: TimerHandle | null = null;
  private started = false;
  /** Bumped by every start(), so a run from before a stop() and start() schedules nothing. */
  private generation = 0;
  private readonly failureLog: RateLimitedLog;

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
    this.failureLog = new RateLimitedLog(FAILURE_LOG_INTERVAL_MS, () => clock.now());
    for (const candidate of config.candidates) {
      this.gauge.set({ candidate: candidate.name }, GAUGE_VALUE.UNKNOWN);
    }
  }

  /** Judges every candidate at once and then every `scheduleSeconds`. A second call does nothing. */
  start(): void {
    if (this.config.candidates.length === 0 || this.started) {
      return;
    }
    this.started = true;
    this.generation += 1;
    this.log.info({ candidates: this.config.candidates.length, everySeconds: this.config.scheduleSeconds }, 'scheduled verdicts starting');
    this.schedule(0);
  }

  /** Cancels the next run. A run already in progress finishes but schedules no other. */
  stop(): void {
    if (!this.started) {
      return;
    }
    this.started = false;
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    this.log.info('scheduled verdicts stopped');
  }

  /** Judges every configured candidate once and updates the gauge. */
  async runOnce(): Promise<void> {
    for (const candidate of this.config.candidates) {
      try {
        const verdict = await this.service.judge({ delete: candidate.delete, keep: candidate.keep });
        this.gauge.set({ candidate: candidate.name }, GAUGE_VALUE[verdict.verdict]);
      } catch (err) {
        this.gauge.set({ candidate: candidate.name }, GAUGE_VALUE.UNKNOWN);
        this.failureLog.run(candidate.name, (suppressed) => {
          this.log.error({ err, candidate: candidate.name, suppressed }, 'scheduled verdict failed, so the gauge reads -1 (UNKNOWN)');
        });
      }
    }
  }

  // The next run is scheduled only after this one settles, so runs never overlap. The checks
  // after the run keep a stop() made while it was judging from being undone.
  private schedule(delayMs: number): void {
    const generation = this.generation;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.runOnce().finally(() => {
        if (this.started && generation === this.generation) {
          this.schedule(this.config.scheduleSeconds * 1000);
        }
      });
    }, delayMs);
  }
}
