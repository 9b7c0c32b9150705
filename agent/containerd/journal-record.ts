import type { LineOrigin } from './log-entry.js';

/** The parts of a `journalctl -o json` record the parser needs. */
export interface JournalRecord {
  message: string;
  origin: LineOrigin;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Reads a journal JSON record. journald writes MESSAGE as an array of bytes when the text is not
 * valid UTF-8, so the bytes are decoded with invalid sequences replaced by U+FFFD.
 * Returns null when the object has no usable MESSAGE.
 */
export function readJournalRecord(record: Record<string, unknown>): JournalRecord | null {
  const message = decodeMessage(record.MESSAGE);
  if (message === null) {
    return null;
  }

  return {
    message,
    origin: {
      hostname: stringField(record._HOSTNAME),
      unit: stringField(record._SYSTEMD_UNIT) ?? stringField(record.SYSLOG_IDENTIFIER),
      cursor: stringField(record.__CURSOR),
      realtimeMicros: stringField(record.__REALTIME_TIMESTAMP),
    },
  };
}

function decodeMessage(value: unknown): string | null {
  if (typeof value === 'string') {
    return value;
  }
  if (!Array.isArray(value) || !value.every((byte) => Number.isInteger(byte) && byte >= 0 && byte <= 255)) {
    return null;
  }
  return utf8.decode(Uint8Array.from(value as number[]));
}

function stringField(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
