import type { SourceLine } from '../containerd/types.js';
import type { SourceBatch } from './types.js';

/**
 * Collects lines that arrive in one turn of the event loop into one batch, or sooner when
 * `maxLines` is reached, so the tracker and spool work per batch and not per line.
 */
export class LineBatcher {
  private lines: SourceLine[] = [];
  private newest: number | null = null;
  private rejected = 0;
  private scheduled = false;

  constructor(
    private readonly deliver: (batch: SourceBatch) => void,
    private readonly maxLines = 1000,
  ) {}

  add(line: SourceLine, timestampMs: number | null): void {
    this.lines.push(line);
    this.newest = timestampMs ?? this.newest;
    this.schedule();
  }

  reject(): void {
    this.rejected += 1;
    this.schedule();
  }

  /** Delivers whatever is pending now. */
  flush(): void {
    this.scheduled = false;
    if (this.lines.length === 0 && this.rejected === 0) {
      return;
    }
    const batch: SourceBatch = { lines: this.lines, newestTimestampMs: this.newest, rejected: this.rejected };
    this.lines = [];
    this.newest = null;
    this.rejected = 0;
    this.deliver(batch);
  }

  private schedule(): void {
    if (this.lines.length >= this.maxLines) {
      this.flush();
    } else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
}
