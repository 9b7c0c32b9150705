import { readJournalRecord } from './journal-record.js';
import { NO_ORIGIN, type LineOrigin, type LogEntry, type ParsedLine } from './log-entry.js';
import { parseLogTime, type LogTime } from './log-time.js';
import { parseLogfmt } from './logfmt.js';
import { splitLinePrefix } from './line-prefix.js';
import { parseTextFormat } from './text-format.js';

export type { LogEntry, ParsedLine } from './log-entry.js';

/**
 * Parses one line of containerd's log into an entry, or says why it is not one. Reads logrus
 * logfmt, JSON and TEXT, each alone or behind a syslog/journalctl short prefix; k0s lines that
 * wrap containerd's logfmt in their own; and `journalctl -o json` records. Never throws.
 */
export function parseLine(line: string): ParsedLine {
  const text = trimEnd(trimLeadingNul(line));
  if (text.length === 0) {
    return { kind: 'ignored', reason: 'blank line' };
  }

  if (text.charCodeAt(0) === 123) {
    return parseJsonLine(text);
  }
  return parseBody(text, NO_ORIGIN, true);
}

function parseJsonLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'malformed', reason: 'line starts with "{" but is not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'malformed', reason: 'JSON line is not an object' };
  }

  const record = value as Record<string, unknown>;
  if ('MESSAGE' in record) {
    const journal = readJournalRecord(record);
    if (!journal) {
      return { kind: 'malformed', reason: 'journal record has a MESSAGE that is neither text nor bytes' };
    }
    const inner = trimEnd(journal.message);
    if (inner.length === 0) {
      return { kind: 'ignored', reason: 'journal record with an empty MESSAGE' };
    }
    return inner.charCodeAt(0) === 123 ? withOrigin(parseJsonLine(inner), journal.origin) : parseBody(inner, journal.origin, false);
  }

  if (typeof record.msg !== 'string') {
    return { kind: 'ignored', reason: 'JSON object without a logrus "msg" key' };
  }
  return entryFromJson(record, NO_ORIGIN);
}

function entryFromJson(record: Record<string, unknown>, origin: LineOrigin): ParsedLine {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'msg' && key !== 'level' && key !== 'time') {
      fields[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }

  const time = readTime(record.time);
  if (time === undefined) {
    return { kind: 'malformed', reason: `invalid "time" value ${JSON.stringify(record.time)}` };
  }
  const entry: LogEntry = {
    time,
    level: typeof record.level === 'string' ? record.level.toLowerCase() : '',
    msg: record.msg as string,
    fields,
    format: 'json',
    nested: false,
    truncated: false,
    origin,
  };
  return { kind: 'entry', entry };
}

/** Parses text after any JSON envelope: a prefix (when allowed), then logfmt or TEXT. */
function parseBody(text: string, origin: LineOrigin, allowPrefix: boolean): ParsedLine {
  if (looksLikeLogfmt(text)) {
    return parseLogfmtLine(text, origin);
  }

  const textFormat = parseTextFormat(text);
  if (textFormat) {
    return textFormat.kind === 'entry' ? { kind: 'entry', entry: { ...textFormat.entry, origin } } : textFormat;
  }

  if (allowPrefix) {
    const prefix = splitLinePrefix(text);
    if (prefix) {
      const prefixOrigin: LineOrigin = { ...origin, hostname: prefix.hostname, unit: prefix.identifier };
      const body = text.slice(prefix.bodyStart);
      if (body.charCodeAt(0) === 123) {
        return withOrigin(parseJsonLine(body), prefixOrigin);
      }
      return parseBody(body, prefixOrigin, false);
    }
  }

  // A wrapped terminal line leaves fragments without spaces (`registry-1.docker.io`, a URL tail).
  if (!text.includes(' ')) {
    return { kind: 'malformed', reason: 'fragment of a wrapped or cut line' };
  }
  return { kind: 'ignored', reason: 'not a containerd log line' };
}

function parseLogfmtLine(text: string, origin: LineOrigin): ParsedLine {
  const parsed = parseLogfmt(text);
  if (!parsed) {
    return { kind: 'malformed', reason: 'text outside key=value pairs in a logfmt line' };
  }

  const { fields } = parsed;
  const msg = fields.get('msg');
  if (msg === undefined) {
    return { kind: 'malformed', reason: 'logfmt line without msg=' };
  }

  // k0s re-logs containerd's stderr: the real line is the outer msg.
  if (fields.get('component') === 'containerd' && looksLikeLogfmt(msg)) {
    const inner = parseLogfmtLine(msg, origin);
    if (inner.kind === 'entry') {
      inner.entry.nested = true;
      inner.entry.truncated ||= parsed.truncated;
    }
    return inner;
  }

  const time = readTime(fields.get('time'));
  if (time === undefined) {
    return { kind: 'malformed', reason: `invalid time= value ${JSON.stringify(fields.get('time'))}` };
  }

  const rest: Record<string, string> = {};
  for (const [key, value] of fields) {
    if (key !== 'msg' && key !== 'level' && key !== 'time') {
      rest[key] = value;
    }
  }
  const entry: LogEntry = {
    time,
    level: (fields.get('level') ?? '').toLowerCase(),
    msg,
    fields: rest,
    format: 'logfmt',
    nested: false,
    truncated: parsed.truncated,
    origin,
  };
  return { kind: 'entry', entry };
}

/** undefined: present but invalid; null: absent. */
function readTime(value: unknown): LogTime | null | undefined {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  return parseLogTime(value) ?? undefined;
}

function looksLikeLogfmt(text: string): boolean {
  return text.startsWith('time=') || text.startsWith('level=') || text.startsWith('msg=');
}

function withOrigin(parsed: ParsedLine, origin: LineOrigin): ParsedLine {
  return parsed.kind === 'entry' ? { kind: 'entry', entry: { ...parsed.entry, origin } } : parsed;
}

function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0) {
    const code = text.charCodeAt(end - 1);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13 && code !== 0) {
      break;
    }
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

/** Drops NUL padding that a crash leaves in a log file before the next line written. */
function trimLeadingNul(text: string): string {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) === 0) {
    start++;
  }
  return start === 0 ? text : text.slice(start);
}
