/**
 * Line numbers for TOML keys and table headers. smol-toml returns values without
 * positions, so lint findings locate their key by scanning the text the same way a
 * reader would: table headers set the current path, `key = value` lines add to it.
 */

/** A table header or key assignment found in the text; `path` is the full dotted key path. */
export interface TomlLineEntry {
  path: readonly string[];
  line: number;
  kind: 'table' | 'array-table' | 'key';
}

/** Splits a TOML dotted key (`plugins."io.containerd.grpc.v1.cri".registry`) into its parts. */
export function splitDottedKey(text: string): string[] | null {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    let match: RegExpMatchArray | null;
    if ((match = rest.match(/^"((?:[^"\\]|\\.)*)"/))) {
      const decoded = decodeBasicString(match[1] ?? '');
      if (decoded === null) {
        return null;
      }
      parts.push(decoded);
    } else if ((match = rest.match(/^'([^']*)'/))) {
      parts.push(match[1] ?? '');
    } else if ((match = rest.match(/^[A-Za-z0-9_-]+/))) {
      parts.push(match[0]);
    } else {
      return null;
    }
    rest = rest.slice(match[0].length).trimStart();
    if (rest.startsWith('.')) {
      rest = rest.slice(1).trimStart();
    } else if (rest.length > 0) {
      return null;
    }
  }
  return parts.length > 0 ? parts : null;
}

// TOML basic strings share JSON's escapes; a raw control character is invalid in both, and the
// key is then reported as unlocatable rather than crashing the lint run.
function decodeBasicString(body: string): string | null {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return null;
  }
}

/**
 * Lists every table header and key assignment with its 1-based line. Lines inside
 * multi-line strings and arrays are skipped only as far as a line scan can tell, which
 * is enough for the configs containerd reads.
 */
export function scanTomlLines(text: string): TomlLineEntry[] {
  const entries: TomlLineEntry[] = [];
  let table: string[] = [];
  let inMultilineString: string | null = null;

  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (inMultilineString) {
      if (raw.includes(inMultilineString)) {
        inMultilineString = null;
      }
      return;
    }

    const trimmed = raw.trim();
    const header = trimmed.match(/^(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/);
    if (header) {
      const path = splitDottedKey(header[2] ?? '');
      if (path) {
        table = path;
        entries.push({ path, line, kind: header[1] === '[[' ? 'array-table' : 'table' });
      }
      return;
    }

    const assignment = trimmed.match(/^((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=(.*)$/);
    if (assignment) {
      const key = splitDottedKey(assignment[1] ?? '');
      if (key) {
        entries.push({ path: [...table, ...key], line, kind: 'key' });
      }
      const value = (assignment[2] ?? '').trim();
      for (const quote of ['"""', "'''"]) {
        if (value.startsWith(quote) && value.indexOf(quote, 3) === -1) {
          inMultilineString = quote;
        }
      }
    }
  });
  return entries;
}

/** Finds the line of a key path, or of its nearest enclosing table or key when the path itself is absent. */
export function lineOf(entries: readonly TomlLineEntry[], path: readonly string[]): number {
  for (let length = path.length; length > 0; length--) {
    const prefix = path.slice(0, length);
    const entry = entries.find((candidate) => samePath(candidate.path, prefix));
    if (entry) {
      return entry.line;
    }
  }
  return 1;
}

/** Lists table headers (`[x]`, not `[[x]]`) that appear more than once, at their second line. */
export function duplicateTables(entries: readonly TomlLineEntry[]): TomlLineEntry[] {
  const seen = new Set<string>();
  const duplicates: TomlLineEntry[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'table') {
      continue;
    }
    const key = JSON.stringify(entry.path);
    if (seen.has(key)) {
      duplicates.push(entry);
    }
    seen.add(key);
  }
  return duplicates;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}
