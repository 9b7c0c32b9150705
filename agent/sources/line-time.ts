/**
 * Extracts containerd's own timestamp from a logfmt (`time="..."`) or JSON (`"time":"..."`)
 * line, in ms since the epoch, or null when the line has none.
 */
export function lineTimestampMs(text: string): number | null {
  const match = /(?:^|\s)time="([^"]+)"/.exec(text) ?? /"time":"([^"]+)"/.exec(text);
  if (!match?.[1]) {
    return null;
  }
  const ms = Date.parse(match[1]);
  return Number.isNaN(ms) ? null : ms;
}
