import { describe, expect, it } from 'vitest';
import { isGapwatchError } from '../core/errors.js';
import { childPids, parseStatusKilobytes, peakRssBytes } from './proc-status.js';

const STATUS = ['Name:\tnode', 'VmPeak:\t 1234567 kB', 'VmHWM:\t   80452 kB', 'VmRSS:\t   70000 kB', 'Threads:\t7', ''].join('\n');

describe('parseStatusKilobytes', () => {
  it.each([
    ['VmHWM', 80_452 * 1024],
    ['VmRSS', 70_000 * 1024],
    ['VmPeak', 1_234_567 * 1024],
  ])('reads %s in bytes', (field, bytes) => {
    expect(parseStatusKilobytes(STATUS, field, '/proc/1/status')).toBe(bytes);
  });

  it.each([
    ['missing field', 'Name:\tnode\n', 'VmHWM'],
    ['value without unit', 'VmHWM:\t 100\n', 'VmHWM'],
    ['prefix of longer name', 'VmHWMX:\t 100 kB\n', 'VmHWM'],
  ])('rejects %s', (_case, text, field) => {
    let caught: unknown;
    try {
      parseStatusKilobytes(text, field, '/proc/1/status');
    } catch (err) {
      caught = err;
    }

    expect(isGapwatchError(caught, 'GW_BENCH_PROC_STATUS')).toBe(true);
  });
});

describe('peakRssBytes', () => {
  it('reads this process', () => {
    expect(peakRssBytes()).toBeGreaterThan(1024 * 1024);
  });
});

describe('childPids', () => {
  it('lists no children when none run', () => {
    expect(childPids()).toEqual([]);
  });
});
