import { sleep, type Clock, type TimerHandle } from '../../core/clock.js';
import { RateLimitedLog, type Logger } from '../../core/log.js';
import type { NodeFindings } from '../../wire/findings.js';
import type { PullRecord } from '../../wire/pull.js';
import type { Report } from '../../wire/report.js';
import { agentError } from '../errors.js';
import type { AgentMetrics } from '../metrics/registry.js';
import { Backoff } from '../../core/backoff.js';
import type { AgentState } from '../state/agent-state.js';
import type { ReportSender, SendResult } from './sender.js';
import type { DropResult, Spool } from './spool.js';
import type { SpoolEntry } from './spool-entry.js';

export interface ReaderStats {
  linesRead: number;
  parseErrors: number;
  ambiguousLines: number;
}

export interface ReporterOptions {
  node: string;
  role: 'node' | 'mirror';
  agentVersion: string;
  intervalMs: number;
  batchSize: number;
  spool: Spool;
  state: AgentState;
  sender: ReportSender;
  clock: Clock;
  logger: Logger;
  metrics: AgentMetrics;
  /** Reader counters at send time, sent with every report. */
  readerStats: () => ReaderStats;
  /** Newest findings not yet reported, taken when a report is sealed. */
  takeFindings?: () => NodeFindings | undefined;
  random?: () => number;
  retryInitialMs?: number;
  retryMaxMs?: number;
}

/**
 * Batches pull records into reports, spools each report before sending, and sends the
 * spool in seq order until the collector acknowledges. After an acknowledgement it saves
 * the tracker position recorded with that report, so a restart re-reads only lines whose
 * pulls may not have reached the collector.
 */
export class Reporter {
  private buffer: PullRecord[] = [];
  private position: string | null;
  private droppedPulls = 0;
  private running = false;
  private intervalTimer: TimerHandle | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  private readonly backoff: Backoff;
  private readonly rateLimited: RateLimitedLog;
  private readonly logger: Logger;

  constructor(private readonly options: ReporterOptions) {
    this.position = options.state.position;
    this.backoff = new Backoff(options.retryInitialMs ?? 1000, options.retryMaxMs ?? 60_000, options.random);
    this.rateLimited = new RateLimitedLog(300_000, () => options.clock.now());
    this.logger = options.logger.child({ component: 'reporter', collector: options.sender.url });
    options.state.observeSeq(options.spool.highestSeq);
    this.updateSpoolMetrics();
  }

  /**
   * Takes the pulls completed by one source batch and the tracker position after it.
   * Full batches are sealed at once; a chunk sealed before the rest of this batch gets the
   * position from before the batch, because the rest is not yet in the spool.
   */
  add(pulls: readonly PullRecord[], positionAfter: string | null): void {
    const positionBefore = this.position;
    // A loop, not a spread: one batch can complete more pulls than a call's argument limit.
    for (const pull of pulls) {
      this.buffer.push(pull);
    }
    while (this.buffer.length >= this.options.batchSize) {
      const chunk = this.buffer.splice(0, this.options.batchSize);
      this.seal(chunk, this.buffer.length > 0 ? positionBefore : positionAfter, false);
    }
    this.position = positionAfter;
  }

  start(): void {
    this.running = true;
    this.scheduleInterval();
    this.loop = this.sendLoop();
    this.logger.info({ pending: this.options.spool.length, intervalMs: this.options.intervalMs }, 'reporter started');
  }

  /**
   * Stops sending. With `flush`, seals what is buffered and keeps sending until the spool is
   * empty or `deadlineMs` passes; what is left stays in the spool for the next start.
   */
  async stop(options: { flush: boolean; deadlineMs?: number }): Promise<void> {
    if (this.intervalTimer) {
      this.options.clock.clearTimeout(this.intervalTimer);
      this.intervalTimer = null;
    }

    if (options.flush && this.running) {
      this.sealBuffer(true);
      const deadline = this.options.clock.now() + (options.deadlineMs ?? 10_000);
      while (this.options.spool.length > 0 && this.options.clock.now() < deadline) {
        await sleep(this.options.clock, 50);
      }
    }

    this.running = false;
    this.abort.abort();
    this.wake?.();
    await this.loop;
    this.logger.info({ unsent: this.options.spool.length, flushed: options.flush }, 'reporter stopped');
  }

  /** Seals everything buffered into one report now. */
  sealBuffer(includeEmpty: boolean): void {
    const pulls = this.buffer;
    this.buffer = [];
    this.seal(pulls, this.position, includeEmpty);
  }

  private seal(pulls: PullRecord[], position: string | null, heartbeat: boolean): void {
    const findings = this.options.takeFindings?.();
    const hasFindings = findings !== undefined && Object.keys(findings).length > 0;

    // While reports are waiting, an empty heartbeat adds nothing: the waiting ones prove the
    // agent is alive once they arrive, and the next report carries a newer position anyway.
    if (pulls.length === 0 && !hasFindings && (!heartbeat || this.options.spool.length > 0)) {
      return;
    }

    let dropped: DropResult;
    try {
      const entry: SpoolEntry = { seq: this.options.state.nextSeq(), position, pulls };
      if (hasFindings) {
        entry.findings = findings;
      }
      dropped = this.options.spool.append(entry);
    } catch (err) {
      // A full or failing disk must not stop the agent: the report is lost, and the loss is
      // counted and sent with the next report that reaches the collector.
      this.countDropped(pulls.length);
      this.rateLimited.run('spool-write', (suppressed) => {
        this.logger.error(
          { err, droppedPulls: pulls.length, droppedPullsTotal: this.droppedPulls, suppressed },
          'spool write failed; dropped the report',
        );
      });
      this.updateSpoolMetrics();
      return;
    }

    this.countDropped(dropped.pulls);
    this.updateSpoolMetrics();
    this.wake?.();
  }

  private countDropped(pulls: number): void {
    if (pulls > 0) {
      this.droppedPulls += pulls;
      this.options.metrics.droppedRecords.inc(pulls);
    }
  }

  private scheduleInterval(): void {
    this.intervalTimer = this.options.clock.setTimeout(() => {
      this.intervalTimer = null;
      if (!this.running) {
        return;
      }
      this.sealBuffer(true);
      this.scheduleInterval();
    }, this.options.intervalMs);
  }

  private async sendLoop(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const entry = this.options.spool.peek();
      if (!entry) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = null;
        continue;
      }

      const result = await this.sendEntry(entry, signal);
      if (signal.aborted) {
        return;
      }
      await this.handleResult(entry, result, signal);
    }
  }

  private async sendEntry(entry: SpoolEntry, signal: AbortSignal): Promise<SendResult> {
    try {
      return await this.options.sender.send(this.buildReport(entry), signal);
    } catch (err) {
      // A missing token file is an operator problem like a down collector: keep retrying.
      return { kind: 'unavailable', reason: (err as Error).message, retryAfterMs: null };
    }
  }

  private async handleResult(entry: SpoolEntry, result: SendResult, signal: AbortSignal): Promise<void> {
    if (result.kind === 'acknowledged') {
      this.options.spool.acknowledge(entry.seq);
      this.savePosition(entry);
      this.backoff.reset();
      this.options.metrics.reportsSent.inc();
      this.options.metrics.lastReportSuccess.set(this.options.clock.now() / 1000);
      this.updateSpoolMetrics();
      this.logger.debug({ seq: entry.seq, pulls: entry.pulls.length }, 'report acknowledged');
      return;
    }

    this.options.metrics.reportRetries.inc();
    if (result.kind === 'unavailable') {
      const delayMs = result.retryAfterMs ?? this.backoff.next();
      this.rateLimited.run('unavailable', (suppressed) => {
        const err = agentError('GW_AGENT_REPORT_UNAVAILABLE', { url: this.options.sender.url, seq: entry.seq, reason: result.reason });
        this.logger.warn({ err, delayMs, suppressed }, 'report not accepted; retrying after backoff');
      });
      await sleep(this.options.clock, delayMs, signal);
      return;
    }

    // A 4xx will not pass on retry as is; keep the report and retry slowly so a fixed
    // collector or token gets it, logging the collector's response once per status.
    const delayMs = this.backoff.max();
    this.rateLimited.run(`rejected-${result.status}`, (suppressed) => {
      const err = agentError('GW_AGENT_REPORT_REJECTED', { url: this.options.sender.url, seq: entry.seq, status: result.status, body: result.body });
      this.logger.error({ err, delayMs, suppressed }, err.message);
    });
    await sleep(this.options.clock, delayMs, signal);
  }

  /**
   * Saves the position an acknowledged report covers. A failed write (full disk) is logged
   * and skipped: a restart then re-reads from an older position, and the collector ignores
   * the pull ids it already stored.
   */
  private savePosition(entry: SpoolEntry): void {
    if (entry.position === null) {
      return;
    }
    try {
      this.options.state.savePosition(entry.position);
    } catch (err) {
      this.rateLimited.run('position-write', (suppressed) => {
        this.logger.warn({ err, seq: entry.seq, suppressed }, 'saving the read position failed; a restart will read some lines again');
      });
    }
  }

  private buildReport(entry: SpoolEntry): Report {
    const stats = this.options.readerStats();
    const report: Report = {
      node: this.options.node,
      agentId: this.options.state.agentId,
      seq: entry.seq,
      intervalSeconds: this.options.intervalMs / 1000,
      sentAt: new Date(this.options.clock.now()).toISOString(),
      agentVersion: this.options.agentVersion,
      role: this.options.role,
      pulls: entry.pulls,
      stats: { ...stats, droppedPulls: this.droppedPulls },
    };
    if (entry.findings) {
      report.findings = entry.findings;
    }
    return report;
  }

  private updateSpoolMetrics(): void {
    this.options.metrics.spoolBytes.set(this.options.spool.bytes);
    this.options.metrics.spoolRecords.set(this.options.spool.records);
  }
}
