import type { Aggregator, MetricValue } from 'prom-client';
import { familyHeader, formatValue, samplePrefix, valuesKey } from './text-format.js';
import type { TextMetric } from './text-registry.js';

interface Series {
  labels: Record<string, string>;
  /** `name{labels} `, rendered once when the series is created. */
  prefix: string;
  value: number;
}

/**
 * A counter whose series keep their rendered label text, for families with thousands of
 * series. Register it with `registry.registerMetric`; a plain prom-client registry renders it
 * through `get`, a TextRegistry through `renderText`.
 */
export class TextCounter<L extends string> implements TextMetric {
  readonly type = 'counter';
  readonly aggregator: Aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly L[],
  ) {}

  /** Adds `value` (not negative) to the series with these label values. */
  inc(labels: Readonly<Record<L, string>>, value: number): void {
    const values = this.labelNames.map((name) => labels[name]);
    const key = valuesKey(values);
    const current = this.series.get(key);
    if (current) {
      current.value += value;
      return;
    }
    this.series.set(key, {
      labels: Object.fromEntries(this.labelNames.map((name, index) => [name, values[index] ?? ''])),
      prefix: samplePrefix(this.name, this.labelNames, values),
      value,
    });
  }

  renderText(): string {
    let text = familyHeader(this.name, this.help, this.type);
    for (const series of this.series.values()) {
      text += `\n${series.prefix}${formatValue(series.value)}`;
    }
    return text;
  }

  async get() {
    const values: MetricValue<string>[] = [...this.series.values()].map((series) => ({ labels: series.labels, value: series.value }));
    return { name: this.name, help: this.help, type: this.type as never, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.series.clear();
  }
}
