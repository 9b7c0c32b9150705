import type { Aggregator, MetricValueWithName } from 'prom-client';

interface Series {
  labels: Record<string, string>;
  /** Observation count per bucket (not cumulative); the last entry is `+Inf`. */
  counts: number[];
  sum: number;
}

/**
 * A Prometheus histogram built from stored bucket totals. prom-client's Histogram only
 * grows through `observe`, which cannot restore persisted bucket counts and sums exactly.
 * Register it with `registry.registerMetric`.
 */
export class StoredHistogram {
  // prom-client types `type` as a numeric enum, but its text formatter prints the string.
  readonly type = 'histogram';
  readonly aggregator: Aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
  ) {}

  /** Adds `count` observations totalling `sum` to the bucket whose upper bound is `le`. */
  add(labels: Record<string, string>, le: string, count: number, sum: number): void {
    const key = JSON.stringify(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels, counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0 };
      this.series.set(key, entry);
    }
    entry.counts[this.indexOf(le)]! += count;
    entry.sum += sum;
  }

  async get() {
    const values: MetricValueWithName<string>[] = [];
    for (const entry of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, index) => {
        cumulative += entry.counts[index] ?? 0;
        values.push({ metricName: `${this.name}_bucket`, labels: { ...entry.labels, le: bound }, value: cumulative });
      });
      cumulative += entry.counts[this.buckets.length] ?? 0;
      values.push({ metricName: `${this.name}_bucket`, labels: { ...entry.labels, le: '+Inf' }, value: cumulative });
      values.push({ metricName: `${this.name}_sum`, labels: entry.labels, value: entry.sum });
      values.push({ metricName: `${this.name}_count`, labels: entry.labels, value: cumulative });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** Bucket index for a stored `le`; a bound no longer configured falls into the next larger bucket. */
  private indexOf(le: string): number {
    const bound = Number(le);
    const index = this.buckets.findIndex((upper) => bound <= upper);
    return index < 0 ? this.buckets.length : index;
  }
}
