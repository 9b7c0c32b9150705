import { readdirSync, readFileSync } from 'node:fs';
import { benchError } from './errors.js';

/**
 * Reads a `kB` field of /proc/PID/status (VmHWM is the peak resident set size) and returns
 * it in bytes. `text` is the file's content and `file` its path, for the error message.
 */
export function parseStatusKilobytes(text: string, field: string, file: string): number {
  const prefix = `${field}:`;
  for (const line of text.split('\n')) {
    if (!line.startsWith(prefix)) {
      continue;
    }
    const match = /^\s*(\d+)\s+kB\s*$/.exec(line.slice(prefix.length));
    if (match) {
      return Number(match[1]) * 1024;
    }
  }
  throw benchError('GW_BENCH_PROC_STATUS', { field, file });
}

/** Returns the peak resident set size (VmHWM) of a process in bytes. */
export function peakRssBytes(pid: number | 'self' = 'self'): number {
  const file = `/proc/${pid}/status`;
  return parseStatusKilobytes(readFileSync(file, 'utf8'), 'VmHWM', file);
}

/** Lists the process ids of this process's direct children, from every thread's `children` file. */
export function childPids(): number[] {
  const pids = new Set<number>();
  for (const thread of readdirSync('/proc/self/task')) {
    let text = '';
    try {
      text = readFileSync(`/proc/self/task/${thread}/children`, 'utf8');
    } catch {
      // A thread that exited between listing and reading has no children to report.
      continue;
    }
    for (const pid of text.split(' ')) {
      if (pid.trim() !== '') {
        pids.add(Number(pid));
      }
    }
  }
  return [...pids];
}
