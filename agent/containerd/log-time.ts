/** A containerd timestamp: epoch milliseconds plus the sub-millisecond part JS dates drop. */
export interface LogTime {
  /** Milliseconds since the Unix epoch, truncated. */
  ms: number;
  /** Nanoseconds below the millisecond, 0 to 999999. */
  subMsNanos: number;
  /** The timestamp as the line wrote it. */
  text: string;
}

// Anchored and without nested quantifiers, so a hostile value cannot make it backtrack.
const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(Z|z|[+-]\d\d:?\d\d)?$/;

/**
 * Parses an RFC 3339 timestamp with up to nanosecond precision (`2026-12-04T19:12:26.903329521Z`,
 * `...+08:00`). A timestamp without a zone (k0s writes `2025-01-25 19:34:57`) is read as UTC.
 * Returns null when the text is not such a timestamp.
 */
export function parseLogTime(text: string): LogTime | null {
  const match = RFC3339.exec(text);
  if (!match) {
    return null;
  }

  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const utcMs = utcDateMs(Number(year), Number(month), Number(day));
  if (utcMs === null || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) {
    return null;
  }

  const nanos = Number(fraction.padEnd(9, '0'));
  const clockMs = ((Number(hour) * 60 + Number(minute)) * 60 + Number(second)) * 1000;
  const ms = utcMs + clockMs - zoneOffsetMs(zone) + Math.floor(nanos / 1e6);
  return { ms, subMsNanos: nanos % 1e6, text };
}

/** Milliseconds from `start` to `end`, keeping the sub-millisecond part. */
export function elapsedMs(start: LogTime, end: LogTime): number {
  return end.ms - start.ms + (end.subMsNanos - start.subMsNanos) / 1e6;
}

/** Orders two timestamps; negative when `a` is earlier. */
export function compareLogTime(a: LogTime, b: LogTime): number {
  return a.ms - b.ms || a.subMsNanos - b.subMsNanos;
}

/** Writes a timestamp as RFC 3339 UTC with nanoseconds, the form pull records carry. */
export function formatLogTime(time: LogTime): string {
  const iso = new Date(time.ms).toISOString();
  const millis = iso.slice(20, 23);
  return `${iso.slice(0, 19)}.${millis}${String(time.subMsNanos).padStart(6, '0')}Z`;
}

/**
 * Returns midnight UTC of a calendar date, or null for a date that does not exist (Feb 31).
 * setUTCFullYear is used because Date.UTC reads years 0 to 99 as 1900 to 1999.
 */
function utcDateMs(year: number, month: number, day: number): number | null {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.getTime();
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') {
    return 0;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
