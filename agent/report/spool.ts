import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../core/clock.js';
import { RateLimitedLog, type Logger } from '../../core/log.js';
import { agentError } from '../errors.js';
import { fsyncDirectory, writeFileAtomic } from '../state/atomic-file.js';
import { parseSpoolLine, type SpoolEntry } from './spool-entry.js';

export interface SpoolOptions {
  dir: string;
  /** Bytes of pending entries kept; beyond it the oldest entries are dropped. */
  maxBytes: number;
  /** Size at which appends move to a new segment file. */
  segmentBytes?: number;
  clock: Clock;
  logger: Logger;
}

export interface DropResult {
  entries: number;
  pulls: number;
}

interface Pending {
  entry: SpoolEntry;
  bytes: number;
  segment: string;
}

const SEGMENT_PATTERN = /^segment-(\d{12})\.jsonl$/;

/**
 * Bounded on-disk queue of sealed reports. Segments are append-only JSON-lines files, each
 * append is fsynced, and `acked` records the highest seq acknowledged or dropped, so a kill -9
 * loses nothing that `append` returned for. A torn last line is cut off; a file with an
 * invalid line is moved to `quarantine/` and its valid entries are kept.
 */
export class Spool {
  /** Corrupt segment files moved aside since the agent started. */
  quarantined = 0;

  private pending: Pending[] = [];
  private acked = 0;
  private current: { name: string; size: number } | null = null;
  private totalBytes = 0;
  private readonly segmentBytes: number;
  private readonly ackedFile: string;
  private readonly rateLimited: RateLimitedLog;

  constructor(private readonly options: SpoolOptions) {
    this.segmentBytes = options.segmentBytes ?? Math.max(64 * 1024, Math.floor(options.maxBytes / 16));
    this.ackedFile = join(options.dir, 'acked');
    this.rateLimited = new RateLimitedLog(300_000, () => options.clock.now());
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    this.load();
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get length(): number {
    return this.pending.length;
  }

  /** Pull records waiting in the spool. */
  get records(): number {
    return this.pending.reduce((sum, item) => sum + item.entry.pulls.length, 0);
  }

  get highestSeq(): number {
    return Math.max(this.acked, this.pending.at(-1)?.entry.seq ?? 0);
  }

  peek(): SpoolEntry | undefined {
    return this.pending[0]?.entry;
  }

  /** Appends and fsyncs one entry, then drops the oldest entries beyond the byte bound. */
  append(entry: SpoolEntry): DropResult {
    const line = `${JSON.stringify(entry)}\n`;
    const bytes = Buffer.byteLength(line);
    if (!this.current || this.current.size + bytes > this.segmentBytes) {
      this.current = { name: segmentName(entry.seq), size: 0 };
    }

    const file = join(this.options.dir, this.current.name);
    const created = this.current.size === 0;
    appendDurably(file, line);
    if (created) {
      fsyncDirectory(this.options.dir);
    }
    this.current.size += bytes;
    this.pending.push({ entry, bytes, segment: this.current.name });
    this.totalBytes += bytes;

    return this.enforceBound();
  }

  /** Removes the oldest entry after the collector acknowledged it. */
  acknowledge(seq: number): void {
    const head = this.pending[0];
    if (!head || head.entry.seq !== seq) {
      return;
    }
    this.pending.shift();
    this.totalBytes -= head.bytes;
    // Segments go first, so a full disk gets space back before the marker is written.
    this.removeDeadSegments();
    this.markAcked(seq);
  }

  private enforceBound(): DropResult {
    const dropped: DropResult = { entries: 0, pulls: 0 };
    let lastDropped = 0;

    // The newest entry always stays, so one oversized report is still sent.
    while (this.totalBytes > this.options.maxBytes && this.pending.length > 1) {
      const oldest = this.pending.shift()!;
      this.totalBytes -= oldest.bytes;
      dropped.entries += 1;
      dropped.pulls += oldest.entry.pulls.length;
      lastDropped = oldest.entry.seq;
    }

    if (dropped.entries > 0) {
      this.removeDeadSegments();
      this.markAcked(lastDropped);
      this.options.logger.warn(
        { droppedReports: dropped.entries, droppedPulls: dropped.pulls, maxBytes: this.options.maxBytes },
        'spool is full; dropped the oldest unsent reports',
      );
    }
    return dropped;
  }

  /**
   * Records `seq` as acknowledged or dropped. A failed write (full disk) is logged and
   * skipped: after a restart the entries it covers are sent again, and the collector ignores
   * a seq it has stored.
   */
  private markAcked(seq: number): void {
    this.acked = Math.max(this.acked, seq);
    try {
      writeFileAtomic(this.ackedFile, `${this.acked}\n`);
    } catch (err) {
      this.rateLimited.run('acked-write', (suppressed) => {
        this.options.logger.warn({ err, file: this.ackedFile, seq: this.acked, suppressed }, 'writing the spool acked marker failed; a restart may resend reports');
      });
    }
  }

  private removeDeadSegments(): void {
    const live = new Set(this.pending.map((item) => item.segment));
    for (const name of this.segmentFiles()) {
      if (live.has(name)) {
        continue;
      }
      rmSync(join(this.options.dir, name), { force: true });
      if (this.current?.name === name) {
        this.current = null;
      }
    }
  }

  private segmentFiles(): string[] {
    return readdirSync(this.options.dir)
      .filter((name) => SEGMENT_PATTERN.test(name))
      .sort();
  }

  private load(): void {
    this.acked = readAcked(this.ackedFile, this.options.logger);

    for (const name of this.segmentFiles()) {
      this.loadSegment(name);
    }
    this.pending.sort((a, b) => a.entry.seq - b.entry.seq);
    this.totalBytes = this.pending.reduce((sum, item) => sum + item.bytes, 0);
    this.removeDeadSegments();

    if (this.pending.length > 0) {
      this.options.logger.info({ reports: this.pending.length, bytes: this.totalBytes }, 'spool has unsent reports from an earlier run');
    }
  }

  private loadSegment(name: string): void {
    const file = join(this.options.dir, name);
    const text = readFileSync(file, 'utf8');
    const complete = text.endsWith('\n') || text === '' ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    if (complete.length !== text.length) {
      // A kill during append leaves a partial last line; that append never returned.
      truncateSync(file, Buffer.byteLength(complete));
      this.options.logger.warn({ file, bytes: Buffer.byteLength(text) - Buffer.byteLength(complete) }, 'cut a partial last line from a spool file');
    }

    const kept: Pending[] = [];
    let firstBadLine: { line: number; reason: string } | null = null;
    complete
      .split('\n')
      .slice(0, -1)
      .forEach((line, index) => {
        const parsed = parseSpoolLine(line);
        if (!parsed.ok) {
          firstBadLine ??= { line: index + 1, reason: parsed.reason };
          return;
        }
        if (parsed.entry.seq > this.acked) {
          kept.push({ entry: parsed.entry, bytes: Buffer.byteLength(line) + 1, segment: name });
        }
      });

    if (firstBadLine) {
      this.quarantine(name, kept, firstBadLine);
    }
    this.pending.push(...kept);
  }

  /** Moves a corrupt segment aside and rewrites its valid entries under the same name. */
  private quarantine(name: string, kept: Pending[], bad: { line: number; reason: string }): void {
    const quarantineDir = join(this.options.dir, 'quarantine');
    mkdirSync(quarantineDir, { recursive: true, mode: 0o700 });
    const target = join(quarantineDir, `${name}.${this.options.clock.now()}`);
    renameSync(join(this.options.dir, name), target);

    if (kept.length > 0) {
      appendDurably(join(this.options.dir, name), kept.map((item) => `${JSON.stringify(item.entry)}\n`).join(''));
    }
    fsyncDirectory(this.options.dir);

    this.quarantined += 1;
    const err = agentError('GW_AGENT_SPOOL_CORRUPT', { file: join(this.options.dir, name), line: bad.line, reason: bad.reason, quarantine: target });
    this.options.logger.error({ err, keptReports: kept.length }, err.message);
  }
}

function segmentName(seq: number): string {
  return `segment-${String(seq).padStart(12, '0')}.jsonl`;
}

/**
 * Appends and fsyncs `text`. A failed or short write (full disk) is cut off again before the
 * error is raised, so a torn line never sits in front of later entries.
 */
function appendDurably(file: string, text: string): void {
  const data = Buffer.from(text);
  const fd = openSync(file, 'a', 0o600);
  const sizeBefore = fstatSync(fd).size;
  try {
    // A short write returns a count; the next write then raises the cause, such as ENOSPC.
    // POSIX write() on a regular file returns 0 only for 0 bytes, so the loop ends.
    let offset = 0;
    while (offset < data.length) {
      offset += writeSync(fd, data, offset);
    }
    fsyncSync(fd);
  } catch (err) {
    ftruncateSync(fd, sizeBefore);
    throw err;
  } finally {
    closeSync(fd);
  }
}

function readAcked(file: string, logger: Logger): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 0;
  }
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 0) {
    // Resending acknowledged reports is harmless: the collector ignores a seq it has seen.
    logger.warn({ file, content: text.slice(0, 40) }, 'spool acked marker is invalid; resending every spooled report');
    return 0;
  }
  return value;
}
