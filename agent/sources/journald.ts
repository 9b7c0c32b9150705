import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Clock, TimerHandle } from '../../core/clock.js';
import { RateLimitedLog, type Logger } from '../../core/log.js';
import type { SourceLine } from '../containerd/types.js';
import { agentError } from '../errors.js';
import { Backoff } from '../../core/backoff.js';
import { mayConcernPull } from '../containerd/tracker.js';
import { parseJournalLine } from './journal-record.js';
import { skimJournalLine } from './journal-skim.js';
import type { LogSource, SourceBatch } from './types.js';

export interface JournaldSourceOptions {
  unit?: string;
  /** Journal folder for `--directory`; unset reads the system journal. */
  directory?: string;
  clock: Clock;
  logger: Logger;
  journalctl?: string;
  /** Folders where systemd keeps the system journal; one must exist when `directory` is unset. */
  systemJournalDirs?: readonly string[];
  /** Lines per batch at most, so a long backlog reaches the tracker in pieces. */
  maxBatchLines?: number;
  /**
   * Checks a raw JSON record before parsing. A record it rejects reaches the tracker with an
   * empty text and only its cursor, which saves the JSON parse; defaults to the tracker's own filter.
   */
  mayMatter?: (rawRecord: string) => boolean;
}

const SYSTEM_JOURNAL_DIRS = ['/var/log/journal', '/run/log/journal'];

/**
 * Follows containerd's journal through `journalctl -o json --follow`. The position of a
 * line is its `__CURSOR`; journalctl exiting is logged and restarted with backoff, resuming
 * after the last cursor delivered. Every record yields a line, so every cursor reaches the tracker.
 */
export class JournaldSource implements LogSource {
  readonly kind = 'journald' as const;
  restarts = 0;

  private child: ChildProcess | null = null;
  private stopping = false;
  private lastCursor: string | null = null;
  private pending: SourceLine[] = [];
  private pendingNewest: number | null = null;
  private pendingRejected = 0;
  private flushScheduled = false;
  private restartTimer: TimerHandle | null = null;
  private onBatch: (batch: SourceBatch) => void = () => {};
  private childClosed: Promise<void> = Promise.resolve();
  private readonly backoff: Backoff;
  private readonly rateLimited: RateLimitedLog;
  private readonly logger: Logger;
  private readonly unit: string;
  private readonly mayMatter: (rawRecord: string) => boolean;

  constructor(private readonly options: JournaldSourceOptions) {
    this.unit = options.unit ?? 'containerd';
    this.mayMatter = options.mayMatter ?? mayConcernPull;
    this.logger = options.logger.child({ source: 'journald', unit: this.unit });
    this.backoff = new Backoff(500, 30_000);
    this.rateLimited = new RateLimitedLog(60_000, () => options.clock.now());
    this.checkJournalExists();
  }

  start(position: string | null, onBatch: (batch: SourceBatch) => void): void {
    this.onBatch = onBatch;
    this.lastCursor = position;
    this.stopping = false;
    this.spawnReader();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) {
      this.options.clock.clearTimeout(this.restartTimer);
      this.restartTimer = null;
    }
    this.child?.kill('SIGTERM');
    await this.childClosed;
    this.flush();
    this.logger.info({ cursor: this.lastCursor }, 'journald source stopped');
  }

  /**
   * Arguments for journalctl; exported through the instance for tests and logs. With
   * `--output-fields=MESSAGE` journalctl still prints `__CURSOR` and the timestamps, and the
   * records shrink to about a third. `--all` prints a MESSAGE over 4096 bytes in full, not as null.
   */
  arguments(cursor: string | null): string[] {
    const args = ['-o', 'json', '--output-fields=MESSAGE', '--all', '--follow', '--no-tail', '--no-pager', '-u', this.unit];
    if (this.options.directory) {
      args.push('--directory', this.options.directory);
    }
    if (cursor) {
      args.push('--after-cursor', cursor);
    }
    return args;
  }

  private checkJournalExists(): void {
    const dirs = this.options.directory ? [this.options.directory] : (this.options.systemJournalDirs ?? SYSTEM_JOURNAL_DIRS);
    if (!dirs.some((dir) => existsSync(dir))) {
      throw agentError('GW_AGENT_JOURNAL_MISSING', { paths: dirs.join(', ') });
    }
  }

  private spawnReader(): void {
    const command = this.options.journalctl ?? 'journalctl';
    const args = this.arguments(this.lastCursor);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.logger.info({ childPid: child.pid, cursor: this.lastCursor }, 'journalctl started');

    let stderrTail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-2000);
    });

    const lines = createInterface({ input: child.stdout!, crlfDelay: Infinity });
    lines.on('line', (line) => this.accept(line));

    this.childClosed = new Promise((resolve) => {
      let spawnError: Error | null = null;
      child.on('error', (err) => {
        spawnError = agentError('GW_AGENT_JOURNALCTL_MISSING', { command, reason: err.message }, err);
      });
      child.on('close', (code, signal) => {
        lines.close();
        this.child = null;
        resolve();
        if (this.stopping) {
          return;
        }
        this.scheduleRestart(code, signal, spawnError, stderrTail.trim());
      });
    });
  }

  private scheduleRestart(code: number | null, signal: string | null, err: Error | null, stderr: string): void {
    this.flush();
    this.restarts += 1;
    const delayMs = this.backoff.next();
    this.rateLimited.run('exit', (suppressed) => {
      this.logger.warn({ err, code, signal, stderr, delayMs, suppressed }, 'journalctl exited; restarting after backoff');
    });
    this.restartTimer = this.options.clock.setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopping) {
        this.spawnReader();
      }
    }, delayMs);
  }

  private accept(line: string): void {
    if (line.trim() === '') {
      return;
    }

    const skimmed = this.mayMatter(line) ? null : skimJournalLine(line);
    if (skimmed) {
      this.backoff.reset();
      this.lastCursor = skimmed.cursor;
      this.pending.push({ text: '', position: skimmed.cursor });
      this.pendingNewest = skimmed.realtimeMs ?? this.pendingNewest;
      this.schedule();
      return;
    }

    const parsed = parseJournalLine(line);
    if (!parsed.ok) {
      this.pendingRejected += 1;
      this.rateLimited.run('reject', (suppressed) => {
        this.logger.warn({ reason: parsed.reason, suppressed }, 'journal record skipped');
      });
    } else {
      this.backoff.reset();
      this.lastCursor = parsed.record.cursor;
      this.pending.push({ text: parsed.record.message, position: parsed.record.cursor });
      this.pendingNewest = parsed.record.realtimeMs ?? this.pendingNewest;
    }
    this.schedule();
  }

  /** Flushes a full batch now, else once the current burst of lines has been read. */
  private schedule(): void {
    if (this.pending.length >= (this.options.maxBatchLines ?? 1000)) {
      this.flush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 && this.pendingRejected === 0) {
      return;
    }
    const batch: SourceBatch = { lines: this.pending, newestTimestampMs: this.pendingNewest, rejected: this.pendingRejected };
    this.pending = [];
    this.pendingNewest = null;
    this.pendingRejected = 0;
    this.onBatch(batch);
  }
}
