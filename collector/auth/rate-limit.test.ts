import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { TokenBuckets } from './rate-limit.js';

describe('TokenBuckets', () => {
  it('allows the burst then waits', () => {
    const buckets = new TokenBuckets(0.5, 2, new FakeClock());

    expect(buckets.take('node-a')).toBe(0);
    expect(buckets.take('node-a')).toBe(0);
    expect(buckets.take('node-a')).toBe(2);
  });

  it('refills with time', () => {
    const clock = new FakeClock();
    const buckets = new TokenBuckets(1, 1, clock);
    buckets.take('node-a');
    clock.advance(1000);

    expect(buckets.take('node-a')).toBe(0);
  });

  it('keeps agents apart', () => {
    const buckets = new TokenBuckets(1, 1, new FakeClock());
    buckets.take('node-a');

    expect(buckets.take('node-b')).toBe(0);
  });
});
