/** Environment settings of one `[Service]` section, in file order. */
export interface UnitEnvironment {
  /** `Environment=` assignments in order; a later one overrides an earlier one. */
  assignments: Array<[string, string]>;
  /** `EnvironmentFile=` paths; `optional` is set by a leading `-`. */
  files: Array<{ path: string; optional: boolean }>;
}

/**
 * Parses the Environment= and EnvironmentFile= lines of a systemd unit or drop-in. An empty
 * `Environment=` or `EnvironmentFile=` clears what earlier files set, as systemd does.
 * Lines outside `[Service]` are ignored.
 */
export function parseUnitEnvironment(text: string, base: UnitEnvironment = { assignments: [], files: [] }): UnitEnvironment {
  const result: UnitEnvironment = { assignments: [...base.assignments], files: [...base.files] };
  let section = '';

  for (const line of joinContinuations(text)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      continue;
    }
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      section = trimmed.slice(1, -1);
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (section !== 'Service' || eq < 0) {
      continue;
    }
    const key = trimmed.slice(0, eq).trim();
    const value = trimmed.slice(eq + 1).trim();

    if (key === 'Environment') {
      if (value === '') {
        result.assignments = [];
        continue;
      }
      for (const word of splitWords(value)) {
        const assignment = splitAssignment(word);
        if (assignment) {
          result.assignments.push(assignment);
        }
      }
    } else if (key === 'EnvironmentFile') {
      if (value === '') {
        result.files = [];
        continue;
      }
      const optional = value.startsWith('-');
      result.files.push({ path: optional ? value.slice(1) : value, optional });
    }
  }
  return result;
}

/** Parses an EnvironmentFile: `KEY=VALUE` lines, `#` or `;` comments, optional quotes. */
export function parseEnvironmentFile(text: string): Array<[string, string]> {
  const assignments: Array<[string, string]> = [];
  for (const line of joinContinuations(text)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      continue;
    }
    const assignment = splitAssignment(trimmed);
    if (assignment) {
      assignments.push([assignment[0], unquote(assignment[1].trim())]);
    }
  }
  return assignments;
}

function joinContinuations(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    if (raw.endsWith('\\')) {
      pending += `${raw.slice(0, -1)} `;
      continue;
    }
    lines.push(pending + raw);
    pending = '';
  }
  if (pending !== '') {
    lines.push(pending);
  }
  return lines;
}

// Splits on whitespace outside quotes and removes the quotes, as systemd does for Environment=.
function splitWords(value: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inWord = false;

  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '\\' && i + 1 < value.length) {
      current += value[++i];
      inWord = true;
    } else if (quote) {
      if (ch === quote) {
        quote = null;
      } else {
        current += ch;
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) {
        words.push(current);
        current = '';
        inWord = false;
      }
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) {
    words.push(current);
  }
  return words;
}

function splitAssignment(word: string): [string, string] | null {
  const eq = word.indexOf('=');
  if (eq <= 0) {
    return null;
  }
  const name = word.slice(0, eq).trim();
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? [name, word.slice(eq + 1)] : null;
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
    return value.slice(1, -1);
  }
  return value;
}
