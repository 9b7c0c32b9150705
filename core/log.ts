import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export interface LoggerSettings {
  level?: string;
  /** Component name bound to every line (`agent`, `collector`, `cli`). */
  name: string;
  /** Destination file descriptor; 2 keeps stdout free for command output. */
  fd?: number;
}

/** Creates the root pino logger. Keys that could carry credentials are redacted. */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    name: settings.name,
    level: settings.level ?? process.env.GAPWATCH_LOG_LEVEL ?? 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'req.headers.authorization',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
  };
  return pino(options, pino.destination({ fd: settings.fd ?? 2, sync: false }));
}

/** A logger that drops everything, for tests and pure code paths. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * Rate-limits a repeating log line per key: the first occurrence is logged at once,
 * later ones within `intervalMs` are counted and reported with the next line as `suppressed`.
 */
export class RateLimitedLog {
  private readonly lastLogged = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Calls `emit` with the number of suppressed repeats, or does nothing while limited. */
  run(key: string, emit: (suppressed: number) => void): void {
    const now = this.now();
    const entry = this.lastLogged.get(key);
    if (entry && now - entry.at < this.intervalMs) {
      entry.suppressed += 1;
      return;
    }
    const suppressed = entry?.suppressed ?? 0;
    this.lastLogged.set(key, { at: now, suppressed: 0 });
    emit(suppressed);
  }
}
