import { parseLine } from './parse-line.js';
import { compareLogTime, type LogTime } from './log-time.js';

/**
 * Returns the lines oldest first. Some journal excerpts are printed newest first; when more
 * neighbouring timestamped lines go back in time than forward, the whole input is reversed.
 */
export function toChronologicalOrder(lines: readonly string[]): readonly string[] {
  let forward = 0;
  let backward = 0;
  let previous: LogTime | null = null;

  for (const line of lines) {
    const parsed = parseLine(line);
    const time = parsed.kind === 'entry' ? parsed.entry.time : null;
    if (!time) {
      continue;
    }
    if (previous) {
      const order = compareLogTime(previous, time);
      if (order < 0) {
        forward++;
      } else if (order > 0) {
        backward++;
      }
    }
    previous = time;
  }

  return backward > forward ? [...lines].reverse() : lines;
}
