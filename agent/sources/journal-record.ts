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
 * the entry was not valid UTF-8; the bytes are decoded as UTF-8 with replacement characters.
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

  const fields = value as Record<string, unknown>;
  const cursor = fields.__CURSOR;
  if (typeof cursor !== 'string' || cursor === '') {
    return { ok: false, reason: 'no __CURSOR field' };
  }

  const message = decodeMessage(fields.MESSAGE);
  if (message === null) {
    return { ok: false, reason: 'MESSAGE is missing or neither a string nor a byte array' };
  }

  return { ok: true, record: { cursor, message, realtimeMs: parseRealtime(fields.__REALTIME_TIMESTAMP) } };
}

function decodeMessage(raw: unknown): string | null {
  if (typeof raw === 'string') {
    return raw;
  }
  if (Array.isArray(raw) && raw.every((byte) => Number.isInteger(byte) && byte >= 0 && byte <= 255)) {
    return Buffer.from(raw as number[]).toString('utf8');
  }
  return null;
}

function parseRealtime(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
    return null;
  }
  // Microseconds since the epoch; integer division keeps precision beyond 2^53 out of the way.
  return Number(BigInt(raw) / 1000n);
}
