import { RateLimitedLog, type Logger } from '../../core/log.js';

/** Logs a swallowed problem; `key` groups repeats of the same problem for rate limiting. */
export type ProbeWarn = (key: string, fields: Record<string, unknown>, message: string) => void;

/** Returns a ProbeWarn that logs each key at most once per interval, with the count of repeats skipped. */
export function rateLimitedWarn(logger: Logger, intervalMs: number, now: () => number): ProbeWarn {
  const limiter = new RateLimitedLog(intervalMs, now);
  return (key, fields, message) => limiter.run(key, (suppressed) => logger.warn({ ...fields, suppressed }, message));
}
