import { describe, expect, it } from 'vitest';
import { lineTimestampMs } from './line-time.js';

describe('lineTimestampMs', () => {
  const cases: Array<[string, string, number | null]> = [
    ['logfmt time', 'time="2023-04-17T14:52:09.123456789Z" level=info msg="PullImage"', Date.parse('2023-04-17T14:52:09.123Z')],
    ['json time', '{"level":"info","msg":"x","time":"2023-04-17T14:52:09Z"}', Date.parse('2023-04-17T14:52:09Z')],
    ['offset time', 'time="2024-01-02T10:00:00.5+08:00" level=info', Date.parse('2024-01-02T02:00:00.500Z')],
    ['no time field', 'level=info msg="PullImage"', null],
    ['invalid time', 'time="yesterday" level=info', null],
  ];
  for (const [name, line, expected] of cases) {
    it(`parses ${name}`, () => {
      expect(lineTimestampMs(line)).toBe(expected);
    });
  }
});
