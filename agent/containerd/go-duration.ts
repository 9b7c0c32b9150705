const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ns: 1e-9 };
const PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|μs|ns)/y;

/** Parses a Go duration string (`1.45413009s`, `781.210092ms`, `4m34.5s`) into seconds; null when invalid. */
export function parseGoDuration(text: string): number | null {
  if (text.length === 0 || text.length > 64) {
    return null;
  }
  if (text === '0') {
    return 0;
  }

  let seconds = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) {
      return null;
    }
    seconds += Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? Number.NaN);
  }
  return Number.isFinite(seconds) ? seconds : null;
}
