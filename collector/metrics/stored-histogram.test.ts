import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { StoredHistogram } from './stored-histogram.js';

describe('stored histogram', () => {
  it('renders cumulative buckets', async () => {
    const registry = new Registry();
    const histogram = new StoredHistogram('test_seconds', 'Test durations.', [1, 5]);
    registry.registerMetric(histogram as never);
    histogram.add({ node: 'n' }, '1', 2, 500_000);
    histogram.add({ node: 'n' }, '5', 1, 3_000_000);
    histogram.add({ node: 'n' }, '+Inf', 1, 100_000_000);
    const lines = (await registry.metrics()).split('\n');

    expect(lines).toContain('test_seconds_bucket{node="n",le="1"} 2');
    expect(lines).toContain('test_seconds_bucket{node="n",le="5"} 3');
    expect(lines).toContain('test_seconds_bucket{node="n",le="+Inf"} 4');
    expect(lines).toContain('test_seconds_sum{node="n"} 103.5');
    expect(lines).toContain('test_seconds_count{node="n"} 4');
    expect(lines).toContain('# TYPE test_seconds histogram');
  });

  it('maps a retired bound upward', async () => {
    const registry = new Registry();
    const histogram = new StoredHistogram('test_seconds', 'Test durations.', [1, 5]);
    registry.registerMetric(histogram as never);
    histogram.add({}, '2.5', 1, 2_000_000);

    expect((await registry.metrics()).split('\n')).toContain('test_seconds_bucket{le="5"} 1');
  });
});
