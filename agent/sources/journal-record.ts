import { readJournalRecord } from '../containerd/journal-record.js';

/** One entry of `journalctl -o json` reduced to what the tracker needs. */
export interface JournalRecord {
  cursor: string;
  message: string;
  /** `__REALTIME_TIMESTAMP` in milliseconds, or null when absent. */
  realtimeMs: number | null;
}

export type JournalParseResult = { ok: true; record: JournalRecord } | { ok: false; reason: string };

/**
 * Parses one line of `journalctl -o json`. MESSAGE is a string, or an array of bytes when
 * the entry was not valid UTF-8; `readJournalRecord`, shared with `gapwatch pulls`, decodes
 * the bytes as UTF-8 with replacement characters.
 */
export function parseJournalLine(line: string): JournalParseResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'not a JSON object' };
  }

  const record = readJournalRecord(value as Record<string, unknown>);
  const cursor = record?.origin.cursor ?? (value as Record<string, unknown>).__CURSOR;
  if (typeof cursor !== 'string' || cursor === '') {
    return { ok: false, reason: 'no __CURSOR field' };
  }
  if (!record) {
    return { ok: false, reason: 'MESSAGE is missing or neither a string nor a byte array' };
  }

  return { ok: true, record: { cursor, message: record.message, realtimeMs: microsToMs(record.origin.realtimeMicros) } };
}

/** Converts `__REALTIME_TIMESTAMP` (decimal microseconds since the epoch) to milliseconds. */
export function microsToMs(raw: string | null): number | null {
  if (raw === null || raw.length === 0 || raw.length > 19) {
    return null;
  }
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < 48 || code > 57) {
      return null;
    }
  }
  // Dropping the last three digits divides by 1000 exactly, and up to 16 digits of milliseconds fit a double.
  return raw.length <= 3 ? 0 : Number(raw.slice(0, -3));
}
