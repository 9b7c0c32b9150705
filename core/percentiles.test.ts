import { describe, expect, it } from 'vitest';
import { percentiles } from './percentiles.js';

describe('percentiles', () => {
  it('returns null without values', () => {
    expect(percentiles([], [0.5])).toEqual([null]);
  });

  it('returns the value for one', () => {
    expect(percentiles([3], [0.5, 0.99])).toEqual([3, 3]);
  });

  it('interpolates between ranks', () => {
    expect(percentiles([4, 1, 3, 2], [0.5])).toEqual([2.5]);
  });

  it('hits extremes at 0 and 1', () => {
    expect(percentiles([5, 1, 9], [0, 1])).toEqual([1, 9]);
  });

  it('skips non-finite values', () => {
    expect(percentiles([1, Number.NaN, 3], [0.5])).toEqual([2]);
  });
});
