import type { Aggregator, MetricValueWithName } from 'prom-client';
import { familyHeader, formatValue, samplePrefix } from './text-format.js';
import type { TextMetric } from './text-registry.js';

export const MICROSECONDS_PER_SECOND = 1_000_000;

interface Series {
  labels: Record<string, string>;
  /** Observation count per bucket (not cumulative); the last entry is `+Inf`. */
  counts: number[];
  /** Sum of the observed values in whole microseconds: integers add exactly in any order. */
  sumMicroseconds: number;
  /** Rendered `name_bucket{...,le="..."} ` per bucket, then the `_sum` and `_count` prefixes. */
  prefixes: string[];
}

/**
 * A Prometheus histogram built from stored bucket totals. prom-client's Histogram only
 * grows through `observe`, which cannot restore persisted bucket counts and sums exactly.
 * Register it with `registry.registerMetric`.
 */
export class StoredHistogram implements TextMetric {
  // prom-client types `type` as a numeric enum, but its text formatter prints the string.
  readonly type = 'histogram';
  readonly aggregator: Aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
  ) {}

  /**
   * Adds `count` observations totalling `sumMicroseconds` to the bucket whose upper bound is `le`.
   * Sums are integers, so live series and series restored from stored totals agree exactly.
   */
  add(labels: Record<string, string>, le: string, count: number, sumMicroseconds: number): void {
    const key = JSON.stringify(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels, counts: new Array<number>(this.buckets.length + 1).fill(0), sumMicroseconds: 0, prefixes: this.prefixesOf(labels) };
      this.series.set(key, entry);
    }
    entry.counts[this.indexOf(le)]! += count;
    entry.sumMicroseconds += sumMicroseconds;
  }

  /** Renders the family in the text format; each series' label text is built when the series is created. */
  renderText(): string {
    let text = familyHeader(this.name, this.help, this.type);
    for (const entry of this.series.values()) {
      let cumulative = 0;
      for (let index = 0; index <= this.buckets.length; index++) {
        cumulative += entry.counts[index] ?? 0;
        text += `\n${entry.prefixes[index]}${cumulative}`;
      }
      text += `\n${entry.prefixes[this.buckets.length + 1]}${formatValue(entry.sumMicroseconds / MICROSECONDS_PER_SECOND)}`;
      text += `\n${entry.prefixes[this.buckets.length + 2]}${cumulative}`;
    }
    return text;
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
      values.push({ metricName: `${this.name}_sum`, labels: entry.labels, value: entry.sumMicroseconds / MICROSECONDS_PER_SECOND });
      values.push({ metricName: `${this.name}_count`, labels: entry.labels, value: cumulative });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  private prefixesOf(labels: Record<string, string>): string[] {
    const names = Object.keys(labels);
    const values = names.map((name) => labels[name] ?? '');
    const bounds = [...this.buckets.map(String), '+Inf'];
    return [
      ...bounds.map((bound) => samplePrefix(`${this.name}_bucket`, [...names, 'le'], [...values, bound])),
      samplePrefix(`${this.name}_sum`, names, values),
      samplePrefix(`${this.name}_count`, names, values),
    ];
  }

  /** Bucket index for a stored `le`; a bound no longer configured falls into the next larger bucket. */
  private indexOf(le: string): number {
    const bound = Number(le);
    const index = this.buckets.findIndex((upper) => bound <= upper);
    return index < 0 ? this.buckets.length : index;
  }
}
