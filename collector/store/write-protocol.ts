import type { PendingReport } from './report-writer.js';
import type { ReportOutcome, TotalIncrement } from './types.js';

/** A request from the store to its writer thread; `id` pairs the request with its reply. */
export type WriteRequest =
  | { type: 'batch'; id: number; batch: readonly PendingReport[] }
  | { type: 'prune'; id: number; cutoff: number }
  | { type: 'close'; id: number };

/** An error as it crosses the thread boundary: message and SQLite code (`SQLITE_FULL`, ...). */
export interface WireError {
  message: string;
  code: string | null;
}

/** Result of one report of a batch: its outcome, or the error that rolled back only that report. */
export type WireItemResult = { ok: true; value: ReportOutcome } | { ok: false; error: WireError };

/** The writer thread's reply to one request. */
export type WriteReply =
  | { type: 'batch'; id: number; results: WireItemResult[]; totals: TotalIncrement[] }
  | { type: 'prune'; id: number; deleted: number }
  | { type: 'closed'; id: number }
  | { type: 'failed'; id: number; error: WireError };

/** Something the writer thread reports on its own, outside any reply; the store logs it. */
export interface WriterNotice {
  type: 'notice';
  level: 'info' | 'warn';
  message: string;
  details: Record<string, number | string>;
  error: WireError | null;
}

/** Data the writer thread starts with. */
export interface WriterData {
  file: string;
}

export function toWireError(err: unknown): WireError {
  const code = (err as { code?: unknown }).code;
  return { message: err instanceof Error ? err.message : String(err), code: typeof code === 'string' ? code : null };
}

/**
 * Rebuilds a thrown error on the receiving side, keeping the SQLite code for callers that check
 * it. The stack is only the message line: frames of this thread would point away from the fault.
 */
export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message) as Error & { code?: string };
  error.stack = `Error: ${wire.message} (in the store writer thread)`;
  if (wire.code !== null) {
    error.code = wire.code;
  }
  return error;
}
