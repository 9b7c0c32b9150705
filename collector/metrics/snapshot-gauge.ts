import type { Aggregator, MetricValue, Registry } from 'prom-client';
import type { FindingsSection, NodeFindings } from '../../wire/findings.js';
import type { FindingsView } from './findings-exporter.js';
import { familyHeader, formatValue, samplePrefix, valuesKey } from './text-format.js';
import type { TextMetric } from './text-registry.js';

/** Emits one sample: label values in `labelNames` order, then the value. */
export type EmitSample = (labelValues: readonly string[], value: number) => void;

export interface SnapshotGaugeOptions<K extends FindingsSection> {
  name: string;
  help: string;
  labelNames: readonly string[];
  section: K;
  /** Emits the samples of one node's snapshot; a repeated label set keeps the last value, as prom-client's `set` does. */
  samples(node: string, snapshot: NonNullable<NodeFindings[K]>, emit: EmitSample): void;
}

interface RenderedSnapshot {
  node: string;
  lines: string;
  samples: Array<{ labelValues: readonly string[]; value: number }>;
}

/**
 * A gauge family computed from each node's newest findings snapshot. A snapshot never changes
 * once stored (a new report brings a new object), so its samples are rendered once, when the
 * store publishes it or at the first scrape, and reused until the node sends the next one.
 */
export class SnapshotGauge<K extends FindingsSection> implements TextMetric {
  readonly type = 'gauge';
  readonly aggregator: Aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly rendered = new WeakMap<object, RenderedSnapshot>();

  constructor(
    private readonly view: FindingsView,
    private readonly options: SnapshotGaugeOptions<K>,
  ) {
    this.name = options.name;
    this.help = options.help;
    view.subscribe?.((node, section, snapshot) => this.prerender(node, section, snapshot));
  }

  renderText(): string {
    let text = familyHeader(this.name, this.help, this.type);
    for (const [node, snapshot] of this.view.latest(this.options.section)) {
      text += this.renderedOf(node, snapshot).lines;
    }
    return text;
  }

  async get() {
    const values: MetricValue<string>[] = [];
    const { labelNames } = this.options;
    for (const [node, snapshot] of this.view.latest(this.options.section)) {
      for (const { labelValues, value } of this.renderedOf(node, snapshot).samples) {
        values.push({ labels: Object.fromEntries(labelNames.map((label, index) => [label, labelValues[index] ?? ''])), value });
      }
    }
    return { name: this.name, help: this.help, type: this.type as never, aggregator: this.aggregator, values };
  }

  reset(): void {}

  // Runs inside the store's commit callback, so it must not throw. A snapshot that fails to
  // render stays uncached, and the next scrape renders it again and fails with the error.
  private prerender(node: string, section: FindingsSection, snapshot: unknown): void {
    if (section !== this.options.section) {
      return;
    }
    try {
      this.renderedOf(node, snapshot as NonNullable<NodeFindings[K]>);
    } catch {
      return;
    }
  }

  private renderedOf(node: string, snapshot: NonNullable<NodeFindings[K]>): RenderedSnapshot {
    const cached = this.rendered.get(snapshot);
    // The node label is part of the text, so one snapshot object under two nodes renders twice.
    if (cached?.node === node) {
      return cached;
    }

    const series = new Map<string, { labelValues: readonly string[]; value: number }>();
    this.options.samples(node, snapshot, (labelValues, value) => {
      series.set(valuesKey(labelValues), { labelValues, value });
    });

    let lines = '';
    for (const { labelValues, value } of series.values()) {
      lines += `\n${samplePrefix(this.name, this.options.labelNames, labelValues)}${formatValue(value)}`;
    }
    const rendered = { node, lines, samples: [...series.values()] };
    this.rendered.set(snapshot, rendered);
    return rendered;
  }
}

/** Creates a SnapshotGauge and registers it on `registry`. */
export function registerSnapshotGauge<K extends FindingsSection>(registry: Registry, view: FindingsView, options: SnapshotGaugeOptions<K>): void {
  registry.registerMetric(new SnapshotGauge(view, options) as never);
}
