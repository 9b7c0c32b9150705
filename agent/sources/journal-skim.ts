import { microsToMs } from './journal-record.js';

/** Cursor and time of a journal record read without parsing its JSON. */
export interface SkimmedRecord {
  cursor: string;
  realtimeMs: number | null;
}

const CURSOR_KEY = '"__CURSOR":"';
const REALTIME_KEY = '"__REALTIME_TIMESTAMP":"';
const STRING_MESSAGE_KEY = '"MESSAGE":"';

/**
 * Reads `__CURSOR` and `__REALTIME_TIMESTAMP` from one line of `journalctl -o json` by string
 * search, for records whose MESSAGE the caller will not read. Inside a JSON string every `"` is
 * escaped, and journal field names contain no `"`, so `"__CURSOR":"` can only be the real key
 * wherever journalctl puts it. Returns null when the line lacks that shape or a string MESSAGE,
 * so the caller parses it in full and reports what is wrong.
 */
export function skimJournalLine(line: string): SkimmedRecord | null {
  if (line.charCodeAt(0) !== 123 || line.charCodeAt(line.length - 1) !== 125 || !line.includes(STRING_MESSAGE_KEY)) {
    return null;
  }

  // systemd 252 prints `__CURSOR` after MESSAGE, so a search from the end is shorter.
  const cursorKey = line.lastIndexOf(CURSOR_KEY);
  if (cursorKey < 0) {
    return null;
  }
  const cursorStart = cursorKey + CURSOR_KEY.length;
  const cursorEnd = line.indexOf('"', cursorStart);
  if (cursorEnd <= cursorStart) {
    return null;
  }
  const cursor = line.slice(cursorStart, cursorEnd);
  // Cursors are `s=…;i=…` in hex. An escape would make the raw text differ from the parsed value.
  if (cursor.includes('\\')) {
    return null;
  }

  return { cursor, realtimeMs: microsToMs(readDigits(line, REALTIME_KEY)) };
}

function readDigits(line: string, key: string): string | null {
  const start = line.indexOf(key);
  if (start < 0) {
    return null;
  }
  const from = start + key.length;
  const end = line.indexOf('"', from);
  return end < 0 ? null : line.slice(from, end);
}
