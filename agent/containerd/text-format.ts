import { NO_ORIGIN, type LogEntry, type ParsedLine } from './log-entry.js';
import { parseLogTime } from './log-time.js';
import { parseLogfmt } from './logfmt.js';

const LEVELS: Record<string, string> = {
  TRAC: 'trace',
  DEBU: 'debug',
  INFO: 'info',
  WARN: 'warning',
  ERRO: 'error',
  FATA: 'fatal',
  PANI: 'panic',
};

// A field starts after a space with an identifier and `=`; logrus pads msg with spaces before it.
const FIELD_START = / [A-Za-z_][\w.-]{0,63}=/g;

/**
 * Parses logrus TEXT format, `INFO[2021-04-14T13:44:53.182712069-05:00] msg   key=value`, or
 * `INFO[0000] ...` with seconds since start (no time). Returns null when the line is not TEXT.
 */
export function parseTextFormat(text: string): ParsedLine | null {
  const level = LEVELS[text.slice(0, 4)];
  if (level === undefined || text.charCodeAt(4) !== 91) {
    return null;
  }
  const close = text.indexOf(']', 5);
  if (close < 0) {
    return { kind: 'malformed', reason: 'logrus TEXT line without "]" after its time' };
  }

  const stamp = text.slice(5, close);
  const time = /^\d+$/.test(stamp) ? null : parseLogTime(stamp);
  if (time === null && !/^\d+$/.test(stamp)) {
    return { kind: 'malformed', reason: `invalid time ${JSON.stringify(stamp)} in a logrus TEXT line` };
  }

  const rest = text.slice(close + 1);
  const { msg, fields, truncated } = splitMessage(rest);
  const entry: LogEntry = { time, level, msg, fields, format: 'text', nested: false, truncated, origin: NO_ORIGIN };
  return { kind: 'entry', entry };
}

/** The message is everything before the first position where the rest reads as logfmt. */
function splitMessage(rest: string): { msg: string; fields: Record<string, string>; truncated: boolean } {
  FIELD_START.lastIndex = 0;
  // Bounded tries keep a hostile line with many `a=` from costing quadratic time.
  let tries = 0;
  for (let match = FIELD_START.exec(rest); match && tries < 8; match = FIELD_START.exec(rest), tries++) {
    const parsed = parseLogfmt(rest.slice(match.index + 1));
    if (parsed) {
      return { msg: rest.slice(0, match.index).trim(), fields: Object.fromEntries(parsed.fields), truncated: parsed.truncated };
    }
  }
  return { msg: rest.trim(), fields: {}, truncated: false };
}
