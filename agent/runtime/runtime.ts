import type { Clock, TimerHandle } from '../../core/clock.js';
import { RateLimitedLog, type Logger } from '../../core/log.js';
import type { PullRecord } from '../../wire/pull.js';
import type { PullTrackerApi } from '../containerd/types.js';
import type { AgentMetrics } from '../metrics/registry.js';
import type { Reporter } from '../report/reporter.js';
import type { LogSource, SourceBatch } from '../sources/types.js';

export interface AgentRuntimeOptions {
  source: LogSource;
  tracker: PullTrackerApi;
  reporter: Reporter;
  metrics: AgentMetrics;
  clock: Clock;
  logger: Logger;
  /** Position saved after the last acknowledged report; reading resumes after it. */
  startPosition: string | null;
  /** How often in-flight pulls are checked for the abandon timeout. */
  expireEveryMs?: number;
}

/** Counter values already added to the metrics, so each update adds only the difference. */
interface ReportedCounters {
  lines: number;
  malformedLines: number;
  ignoredLines: number;
  ambiguousLines: number;
  restarts: number;
}

/** Moves lines from the source through the tracker into the reporter and keeps the reader metrics. */
export class AgentRuntime {
  private running = false;
  private expiryTimer: TimerHandle | null = null;
  private newestLineMs: number | null = null;
  private sourceRejected = 0;
  private reported: ReportedCounters = {
    lines: 0,
    malformedLines: 0,
    ignoredLines: 0,
    ambiguousLines: 0,
    restarts: 0,
  };
  private readonly rateLimited: RateLimitedLog;

  constructor(private readonly options: AgentRuntimeOptions) {
    this.rateLimited = new RateLimitedLog(60_000, () => options.clock.now());
  }

  get healthy(): boolean {
    return this.running;
  }

  /** Reader counters for reports: source rejects count as parse errors. */
  readerStats(): { linesRead: number; parseErrors: number; ambiguousLines: number } {
    const stats = this.options.tracker.stats;
    return { linesRead: stats.lines, parseErrors: stats.malformedLines + this.sourceRejected, ambiguousLines: stats.ambiguousLines };
  }

  start(): void {
    this.running = true;
    this.options.reporter.start();
    this.options.source.start(this.options.startPosition, (batch) => this.onBatch(batch));
    this.scheduleExpiry();
    this.options.logger.info({ source: this.options.source.kind, position: this.options.startPosition }, 'agent runtime started');
  }

  /**
   * Stops reading. With `flush` the reporter seals the buffered pulls and sends within the
   * deadline; without it (a crash stand-in) buffered pulls are re-read on the next start.
   * In-flight pulls are never flushed as abandoned here, because the next start re-reads them.
   */
  async stop(options: { flush: boolean; deadlineMs?: number }): Promise<void> {
    this.running = false;
    if (this.expiryTimer) {
      this.options.clock.clearTimeout(this.expiryTimer);
      this.expiryTimer = null;
    }
    await this.options.source.stop();
    await this.options.reporter.stop(options);
    this.options.logger.info({ flushed: options.flush }, 'agent runtime stopped');
  }

  private onBatch(batch: SourceBatch): void {
    if (!this.running) {
      return;
    }

    const completed: PullRecord[] = [];
    for (const line of batch.lines) {
      try {
        for (const record of this.options.tracker.push(line)) {
          completed.push(record);
        }
      } catch (err) {
        this.rateLimited.run('push', (suppressed) => {
          this.options.logger.error({ err, position: line.position, suppressed }, 'pull tracker failed on a line; skipped it');
        });
      }
    }

    this.sourceRejected += batch.rejected;
    this.newestLineMs = batch.newestTimestampMs ?? this.newestLineMs;
    this.hand(completed);
  }

  private hand(completed: PullRecord[]): void {
    for (const record of completed) {
      this.options.metrics.pullsCompleted.inc({ outcome: record.outcome });
    }
    this.updateReaderMetrics();
    this.options.reporter.add(completed, this.options.tracker.resumePosition());
  }

  private updateReaderMetrics(): void {
    const stats = this.options.tracker.stats;
    const metrics = this.options.metrics;
    const restarts = this.options.source.restarts;
    metrics.linesRead.inc(stats.lines - this.reported.lines);
    metrics.malformedLines.inc(stats.malformedLines + this.sourceRejected - this.reported.malformedLines);
    metrics.ignoredLines.inc(stats.ignoredLines - this.reported.ignoredLines);
    metrics.ambiguousLines.inc(stats.ambiguousLines - this.reported.ambiguousLines);
    metrics.sourceRestarts.inc(restarts - this.reported.restarts);
    this.reported = {
      lines: stats.lines,
      malformedLines: stats.malformedLines + this.sourceRejected,
      ignoredLines: stats.ignoredLines,
      ambiguousLines: stats.ambiguousLines,
      restarts,
    };

    if (this.newestLineMs !== null) {
      metrics.lagSeconds.set(Math.max(0, (this.options.clock.now() - this.newestLineMs) / 1000));
    }
  }

  private scheduleExpiry(): void {
    this.expiryTimer = this.options.clock.setTimeout(() => {
      this.expiryTimer = null;
      if (!this.running) {
        return;
      }
      try {
        this.hand(this.options.tracker.expire(this.options.clock.now()));
      } catch (err) {
        this.rateLimited.run('expire', (suppressed) => {
          this.options.logger.error({ err, suppressed }, 'expiring in-flight pulls failed; trying again on the next check');
        });
      }
      this.scheduleExpiry();
    }, this.options.expireEveryMs ?? 1000);
  }
}
