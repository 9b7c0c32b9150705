/** Key/value pairs of one logfmt line, in line order; later duplicates win. */
export interface LogfmtResult {
  fields: Map<string, string>;
  /** A quoted value ran to the end of the line without its closing quote (a cut-off line). */
  truncated: boolean;
}

/**
 * Parses logrus logfmt (`time="..." level=info msg="..." key=value`). Quoted values use Go's
 * strconv.Quote escapes. Returns null when the text has text outside key=value pairs, which
 * means it is not logfmt. A missing closing quote keeps the rest of the line as the value and
 * sets `truncated`, because pasted and rotated logs cut lines off mid-value.
 */
export function parseLogfmt(text: string): LogfmtResult | null {
  const fields = new Map<string, string>();
  const length = text.length;
  let truncated = false;
  let i = 0;

  while (i < length) {
    while (i < length && text.charCodeAt(i) === 32) {
      i++;
    }
    if (i >= length) {
      break;
    }

    const keyStart = i;
    while (i < length && text.charCodeAt(i) !== 61 && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 34) {
      i++;
    }
    if (i === keyStart || i >= length || text.charCodeAt(i) !== 61) {
      return null;
    }
    const key = text.slice(keyStart, i);
    i++;

    if (i < length && text.charCodeAt(i) === 34) {
      const quoted = readQuoted(text, i + 1);
      fields.set(key, quoted.value);
      truncated ||= quoted.truncated;
      i = quoted.end;
      continue;
    }

    const valueStart = i;
    while (i < length && text.charCodeAt(i) !== 32) {
      i++;
    }
    fields.set(key, text.slice(valueStart, i));
  }

  return fields.size === 0 ? null : { fields, truncated };
}

/** Reads a Go-quoted string starting after its opening quote; `end` is the index after the closing quote. */
export function readQuoted(text: string, start: number): { value: string; end: number; truncated: boolean } {
  const closing = findClosingQuote(text, start);
  if (closing < 0) {
    return { value: unescapeGo(text.slice(start)), end: text.length, truncated: true };
  }
  const raw = text.slice(start, closing);
  return { value: raw.includes('\\') ? unescapeGo(raw) : raw, end: closing + 1, truncated: false };
}

function findClosingQuote(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 92) {
      i++;
    } else if (code === 34) {
      return i;
    }
  }
  return -1;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Undoes Go's strconv.Quote escaping; unknown escapes are kept as written. */
export function unescapeGo(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const slash = raw.indexOf('\\', i);
    if (slash < 0 || slash === raw.length - 1) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, slash);

    const kind = raw.charAt(slash + 1);
    const simple = SIMPLE_ESCAPES[kind];
    if (simple !== undefined) {
      out += simple;
      i = slash + 2;
      continue;
    }

    const width = kind === 'x' ? 2 : kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
    const hex = raw.slice(slash + 2, slash + 2 + width);
    if (width > 0 && hex.length === width && /^[0-9a-fA-F]+$/.test(hex)) {
      const codePoint = Number.parseInt(hex, 16);
      out += codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
      i = slash + 2 + width;
      continue;
    }

    out += raw.slice(slash, slash + 2);
    i = slash + 2;
  }
  return out;
}
