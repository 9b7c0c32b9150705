import { loadavg } from 'node:os';

/** One-minute load averages seen while a benchmark ran. */
export interface LoadDuringRun {
  samples: number;
  mean: number;
  max: number;
}

/**
 * Samples the one-minute load average every `intervalMs` until `stop`, because a single value
 * at the start does not describe a run of several minutes on a shared machine.
 */
export function sampleLoad(intervalMs = 10_000): { stop: () => LoadDuringRun } {
  const values: number[] = [loadavg()[0] ?? 0];
  const timer = setInterval(() => values.push(loadavg()[0] ?? 0), intervalMs);
  timer.unref();

  return {
    stop: () => {
      clearInterval(timer);
      values.push(loadavg()[0] ?? 0);
      const sum = values.reduce((total, value) => total + value, 0);
      return { samples: values.length, mean: sum / values.length, max: Math.max(...values) };
    },
  };
}
