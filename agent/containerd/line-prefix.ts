/** A syslog-style or `journalctl -o short*` prefix split off a line. */
export interface LinePrefix {
  hostname: string | null;
  identifier: string;
  /** Index in the line where the logged text starts. */
  bodyStart: number;
}

// Optional date (`Apr 17 14:52:09`, `2026-04-17T14:52:09+0000`), optional host, then `ident[pid]: `.
// Each part is a bounded character class followed by a literal, so matching stays linear.
const PREFIX =
  /^(?:(?:[A-Z][a-z]{2} [ \d]?\d \d\d:\d\d:\d\d(?:\.\d{1,9})?|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)) )?(?:([^\s[\]:]{1,253}) )?([^\s[\]:"=]{1,128})\[(\d{1,10})\]: /;

/**
 * Splits `Apr 17 14:52:09 node-1 containerd[5504]: ` (host optional, date optional) off a line.
 * Returns null when the line has no such prefix.
 */
export function splitLinePrefix(line: string): LinePrefix | null {
  const match = PREFIX.exec(line);
  if (!match) {
    return null;
  }
  return { hostname: match[1] ?? null, identifier: match[2] ?? '', bodyStart: match[0].length };
}
