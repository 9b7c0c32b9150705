import type { Aggregator, MetricValue } from 'prom-client';
import type { EmitSample } from './snapshot-gauge.js';
import { familyHeader, formatValue, samplePrefix, valuesKey } from './text-format.js';
import type { TextMetric } from './text-registry.js';

/** Label sets whose rendered text is kept; beyond it the cache starts over. */
const MAX_CACHED_PREFIXES = 100_000;

/**
 * A gauge whose samples are collected at scrape time, like a prom-client Gauge with
 * `collect`, but which keeps the rendered label text of each label set between scrapes.
 */
export class CollectedGauge implements TextMetric {
  readonly type = 'gauge';
  readonly aggregator: Aggregator = 'sum';
  private readonly prefixes = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    private readonly collect: (emit: EmitSample) => void,
  ) {}

  renderText(): string {
    let text = familyHeader(this.name, this.help, this.type);
    this.collect((labelValues, value) => {
      text += `\n${this.prefixOf(labelValues)}${formatValue(value)}`;
    });
    return text;
  }

  async get() {
    const values: MetricValue<string>[] = [];
    this.collect((labelValues, value) => {
      values.push({ labels: Object.fromEntries(this.labelNames.map((label, index) => [label, labelValues[index] ?? ''])), value });
    });
    return { name: this.name, help: this.help, type: this.type as never, aggregator: this.aggregator, values };
  }

  reset(): void {}

  private prefixOf(labelValues: readonly string[]): string {
    const key = valuesKey(labelValues);
    let prefix = this.prefixes.get(key);
    if (prefix === undefined) {
      if (this.prefixes.size >= MAX_CACHED_PREFIXES) {
        this.prefixes.clear();
      }
      prefix = samplePrefix(this.name, this.labelNames, labelValues);
      this.prefixes.set(key, prefix);
    }
    return prefix;
  }
}
