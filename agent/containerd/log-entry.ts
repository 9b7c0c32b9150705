import type { LogTime } from './log-time.js';

/** Where a line came from beyond containerd's own text: journal metadata or a syslog-style prefix. */
export interface LineOrigin {
  /** `_HOSTNAME` of a journal record, or the host in a syslog-style prefix. */
  hostname: string | null;
  /** `_SYSTEMD_UNIT` of a journal record, or the identifier in a prefix (`containerd`). */
  unit: string | null;
  /** `__CURSOR` of a journal record. */
  cursor: string | null;
  /** `__REALTIME_TIMESTAMP` of a journal record, microseconds as text; receive time, not containerd's. */
  realtimeMicros: string | null;
}

/** One containerd log line in structured form. */
export interface LogEntry {
  /** containerd's own `time=`, or null when the line carries none. */
  time: LogTime | null;
  /** Lower-case logrus level (`info`, `debug`, `warning`, `error`), or `''` when absent. */
  level: string;
  msg: string;
  /** Every other key of the line (`error`, `host`, `url`, `ref`, ...), values unescaped. */
  fields: Readonly<Record<string, string>>;
  format: 'logfmt' | 'json' | 'text';
  /** k0s re-logged containerd's line inside its own logfmt. */
  nested: boolean;
  /** A quoted value had no closing quote, so the line was cut off. */
  truncated: boolean;
  origin: LineOrigin;
}

/** The result of parsing one line; parsing never throws. */
export type ParsedLine =
  | { kind: 'entry'; entry: LogEntry }
  /** A well-formed line that is not a containerd log entry (kubelet, audit, a blank line). */
  | { kind: 'ignored'; reason: string }
  /** Garbage: a cut or garbled line that cannot be read. */
  | { kind: 'malformed'; reason: string };

export const NO_ORIGIN: LineOrigin = Object.freeze({ hostname: null, unit: null, cursor: null, realtimeMicros: null });
