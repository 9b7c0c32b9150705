import type { SourceLine } from '../containerd/types.js';

/** Lines read together, in log order. */
export interface SourceBatch {
  lines: SourceLine[];
  /** Time of the newest line in the batch (ms since epoch) when the source knows it, for the lag metric. */
  newestTimestampMs: number | null;
  /** Records the source could not turn into a line (invalid JSON, no MESSAGE). */
  rejected: number;
}

/**
 * A containerd log reader. `start` begins after `position` (null: from the start of the
 * log) and calls `onBatch` for every batch until `stop`. Positions are opaque strings that
 * the same kind of source accepts back.
 */
export interface LogSource {
  readonly kind: 'journald' | 'file';
  start(position: string | null, onBatch: (batch: SourceBatch) => void): void;
  stop(): Promise<void>;
  /** Restarts after the reader process or file handle failed, for the agent's metrics. */
  readonly restarts: number;
}
