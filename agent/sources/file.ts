import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { Tail } from 'tail';
import type { Clock, TimerHandle } from '../../core/clock.js';
import { RateLimitedLog, type Logger } from '../../core/log.js';
import { agentError } from '../errors.js';
import { FINGERPRINT_BYTES, formatFilePosition, parseFilePosition } from './file-position.js';
import { LineBatcher } from './line-batcher.js';
import { lineTimestampMs } from './line-time.js';
import type { LogSource, SourceBatch } from './types.js';

export interface FileSourceOptions {
  path: string;
  clock: Clock;
  logger: Logger;
  /** How often the path is checked for rotation and truncation while the file is quiet. */
  pollMs?: number;
}

/** One opened file: the inode being read and the byte offset after the last line delivered. */
interface Generation {
  tail: Tail;
  fd: number;
  inode: number;
  /** Offset after the last line Tail emitted, delivered or skipped. */
  readOffset: number;
  /** Lines ending at or before this offset were delivered in an earlier run. */
  skipUntil: number;
  /** Fingerprint of the first FINGERPRINT_BYTES bytes, once the file is that long. */
  fullFingerprint: string | null;
}

/**
 * Follows a containerd log file with the `tail` package. A line's position is
 * `inode:offset-after-line`. Rotation (a new inode at the path) drains the old file through
 * its open descriptor and starts the new file from byte 0; truncation restarts from byte 0.
 */
export class FileSource implements LogSource {
  readonly kind = 'file' as const;
  restarts = 0;

  private generation: Generation | null = null;
  private pollTimer: TimerHandle | null = null;
  private stopped = true;
  private batcher: LineBatcher = new LineBatcher(() => {});
  private readonly logger: Logger;
  private readonly rateLimited: RateLimitedLog;

  constructor(private readonly options: FileSourceOptions) {
    this.logger = options.logger.child({ source: 'file', file: options.path });
    this.rateLimited = new RateLimitedLog(60_000, () => options.clock.now());
    if (!existsSync(options.path)) {
      throw agentError('GW_AGENT_LOG_FILE_MISSING', { file: options.path });
    }
  }

  start(position: string | null, onBatch: (batch: SourceBatch) => void): void {
    this.batcher = new LineBatcher(onBatch);
    this.stopped = false;

    const saved = parseFilePosition(position);
    this.open(0);
    const generation = this.generation!;
    const stat = statSync(this.options.path);
    const sameFile =
      saved !== null &&
      saved.inode === generation.inode &&
      saved.offset <= stat.size &&
      saved.fingerprint === this.fingerprint(generation, saved.offset);
    generation.skipUntil = sameFile ? saved.offset : 0;
    if (saved !== null && !sameFile) {
      this.logger.info({ saved: position }, 'saved position belongs to another file; reading from the start');
    }
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) {
      this.options.clock.clearTimeout(this.pollTimer);
      this.pollTimer = null;
    }
    this.close();
    this.batcher.flush();
    this.logger.info('file source stopped');
  }

  private open(skipUntil: number): void {
    const fd = openSync(this.options.path, 'r');
    const inode = statSync(this.options.path).ino;

    // latin1 maps each byte to one character, so string lengths are exact byte offsets;
    // lines are re-decoded as UTF-8 below. fromBeginning re-reads skipped bytes because
    // tail 2.2.6 has no option to start at an offset.
    const tail = new Tail(this.options.path, { fromBeginning: true, follow: false, separator: '\n', encoding: 'latin1' });
    const generation: Generation = { tail, fd, inode, readOffset: 0, skipUntil, fullFingerprint: null };
    this.generation = generation;

    tail.on('line', (line: string) => this.accept(generation, line));
    tail.on('error', (err: unknown) => {
      // Rotation makes tail report a vanished file; the poll below takes over from there.
      this.rateLimited.run('tail-error', (suppressed) => {
        this.logger.debug({ err, suppressed }, 'tail reported an error');
      });
    });
    this.logger.info({ inode }, 'following log file');
  }

  private accept(generation: Generation, line: string): void {
    if (generation !== this.generation) {
      return;
    }

    const lineEnd = generation.readOffset + line.length + 1;
    if (this.checkFile()) {
      return;
    }
    generation.readOffset = lineEnd;
    if (lineEnd <= generation.skipUntil) {
      return;
    }

    this.deliver(generation, line, lineEnd);
  }

  private deliver(generation: Generation, line: string, lineEnd: number): void {
    const text = Buffer.from(line, 'latin1').toString('utf8').replace(/\r$/, '');
    const position = formatFilePosition({ inode: generation.inode, offset: lineEnd, fingerprint: this.fingerprint(generation, lineEnd) });
    this.batcher.add({ text, position }, lineTimestampMs(text));
  }

  /** Hashes the first min(FINGERPRINT_BYTES, offset) bytes through the open descriptor. */
  private fingerprint(generation: Generation, offset: number): string {
    if (offset >= FINGERPRINT_BYTES && generation.fullFingerprint !== null) {
      return generation.fullFingerprint;
    }
    const buffer = Buffer.alloc(Math.min(FINGERPRINT_BYTES, offset));
    const read = readSync(generation.fd, buffer, 0, buffer.length, 0);
    const hash = createHash('sha1').update(buffer.subarray(0, read)).digest('hex').slice(0, 16);
    if (offset >= FINGERPRINT_BYTES && read === FINGERPRINT_BYTES) {
      generation.fullFingerprint = hash;
    }
    return hash;
  }

  /**
   * Compares the path with the open generation. Returns true when it switched to a new
   * generation, so the caller drops what the old tail emitted.
   */
  private checkFile(): boolean {
    const generation = this.generation;
    if (!generation || this.stopped) {
      return false;
    }

    let current: { ino: number; size: number } | null = null;
    try {
      current = statSync(this.options.path);
    } catch {
      // Renamed away and not yet recreated: keep the old file until a new one appears.
      return false;
    }

    if (current.ino !== generation.inode) {
      this.drain(generation);
      this.close();
      this.restarts += 1;
      this.logger.info({ oldInode: generation.inode, newInode: current.ino }, 'log file rotated; reading the new file from the start');
      this.open(0);
      return true;
    }

    // NOTE: a truncation followed by regrowth past the old offset before the next check is
    // not seen as a truncation, so those lines are read from the wrong offset.
    if (current.size < generation.readOffset) {
      this.close();
      this.restarts += 1;
      this.logger.warn({ inode: generation.inode, size: current.size, offset: generation.readOffset }, 'log file truncated; reading from the start');
      this.open(0);
      return true;
    }
    return false;
  }

  /** Reads the rest of a rotated file through its descriptor, which still points at the old inode. */
  private drain(generation: Generation): void {
    const chunks: Buffer[] = [];
    const buffer = Buffer.alloc(64 * 1024);
    let offset = generation.readOffset;
    for (;;) {
      const read = readSync(generation.fd, buffer, 0, buffer.length, offset);
      if (read === 0) {
        break;
      }
      chunks.push(Buffer.from(buffer.subarray(0, read)));
      offset += read;
    }

    const rest = Buffer.concat(chunks).toString('latin1');
    const lines = rest.split('\n');
    const trailing = lines.pop() ?? '';
    // The old file no longer grows, so an unterminated last line is complete as it is.
    if (trailing !== '') {
      lines.push(trailing);
    }
    for (const line of lines) {
      const lineEnd = Math.min(generation.readOffset + line.length + 1, offset);
      generation.readOffset = lineEnd;
      if (lineEnd <= generation.skipUntil) {
        continue;
      }
      this.deliver(generation, line, lineEnd);
    }
  }

  private close(): void {
    const generation = this.generation;
    if (!generation) {
      return;
    }
    this.generation = null;
    generation.tail.unwatch();
    closeSync(generation.fd);
  }

  private schedulePoll(): void {
    this.pollTimer = this.options.clock.setTimeout(() => {
      this.pollTimer = null;
      if (this.stopped) {
        return;
      }
      try {
        this.checkFile();
      } catch (err) {
        this.rateLimited.run('poll', (suppressed) => {
          this.logger.warn({ err, suppressed }, 'checking the log file failed; retrying on the next poll');
        });
      }
      this.schedulePoll();
    }, this.options.pollMs ?? 500);
  }
}
