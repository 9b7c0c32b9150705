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
  const utcMs = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (Number.isNaN(utcMs) || Number(month) > 12 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) {
    return null;
  }

  const nanos = Number(fraction.padEnd(9, '0'));
  const ms = utcMs - zoneOffsetMs(zone) + Math.floor(nanos / 1e6);
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

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') {
    return 0;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
