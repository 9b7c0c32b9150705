/** One challenge from a WWW-Authenticate header (RFC 7235), such as `Bearer realm="...",service="..."`. */
export interface AuthChallenge {
  /** Lower-case scheme: `bearer`, `basic`. */
  scheme: string;
  /** Parameter names in lower case; values unquoted. */
  params: Record<string, string>;
}

/**
 * Parses a WWW-Authenticate header into its challenges. Quoted values may contain commas and
 * backslash escapes. Returns an empty list for an empty or unparsable header.
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let position = 0;

  while (position < header.length) {
    position = skip(header, position, /[\s,]/);
    const scheme = readToken(header, position);
    if (scheme.length === 0) {
      break;
    }
    position += scheme.length;
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);

    // Parameters follow until a token that is not followed by `=`, which starts the next challenge.
    while (position < header.length) {
      const start = skip(header, position, /[\s,]/);
      const name = readToken(header, start);
      const afterName = skip(header, start + name.length, /\s/);
      if (name.length === 0 || header[afterName] !== '=') {
        position = start;
        break;
      }
      const valueStart = skip(header, afterName + 1, /\s/);
      const { value, end } = header[valueStart] === '"' ? readQuoted(header, valueStart) : readBare(header, valueStart);
      challenge.params[name.toLowerCase()] = value;
      position = end;
    }
  }
  return challenges;
}

function skip(text: string, position: number, pattern: RegExp): number {
  let index = position;
  while (index < text.length && pattern.test(text[index] as string)) {
    index += 1;
  }
  return index;
}

function readToken(text: string, position: number): string {
  const match = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+/.exec(text.slice(position));
  return match ? match[0] : '';
}

function readQuoted(text: string, position: number): { value: string; end: number } {
  let value = '';
  let index = position + 1;
  while (index < text.length && text[index] !== '"') {
    if (text[index] === '\\' && index + 1 < text.length) {
      index += 1;
    }
    value += text[index];
    index += 1;
  }
  return { value, end: index + 1 };
}

function readBare(text: string, position: number): { value: string; end: number } {
  const match = /^[^,\s]*/.exec(text.slice(position));
  const value = match ? match[0] : '';
  return { value, end: position + value.length };
}
