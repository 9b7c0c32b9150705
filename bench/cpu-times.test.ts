import { describe, expect, it } from 'vitest';
import { parseChildrenTimes, parseProcStatCpuSeconds } from './cpu-times.js';

describe('parseChildrenTimes', () => {
  it.each([
    ['dash output', '0m0.001000s 0m0.002000s\n0m6.140000s 0m0.236000s\n', 6.376],
    ['bash output', '0m0.001s 0m0.002s\n1m2.500s 0m0.500s\n', 63],
    ['stderr before times', 'journalctl: warning\n0m0.000s 0m0.000s\n0m1.000s 0m1.000s', 2],
  ])('reads children from %s', (_case, output, seconds) => {
    expect(parseChildrenTimes(output)).toBeCloseTo(seconds, 6);
  });

  it.each([
    ['empty output', ''],
    ['one line', '0m1.000s 0m1.000s'],
    ['garbled value', '0m0s 0m0s\n1.0 2.0'],
  ])('returns null for %s', (_case, output) => {
    expect(parseChildrenTimes(output)).toBeNull();
  });
});

describe('parseProcStatCpuSeconds', () => {
  it('sums utime and stime', () => {
    const stat = '9299 (journal ctl) R 9296 9296 24779 0 -1 4194304 98 0 0 0 250 50 0 0 20 0 1 0 266536';

    expect(parseProcStatCpuSeconds(stat, 100)).toBe(3);
  });

  it('returns null for short line', () => {
    expect(parseProcStatCpuSeconds('9299 (cat) R 1 2', 100)).toBeNull();
  });
});
