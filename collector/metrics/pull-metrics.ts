import type { Registry } from 'prom-client';
import type { TotalIncrement, TotalRow } from '../store/types.js';
import { ImageLabelBound } from './image-label-bound.js';
import { PULL_DURATION_BUCKETS, TOTAL } from './pull-totals.js';
import { StoredHistogram } from './stored-histogram.js';
import { TextCounter } from './text-counter.js';

/**
 * Metrics derived from stored pulls. They are rebuilt from the store's persisted totals at
 * start and then grow by the increments of each newly stored pull, so a restart or a
 * duplicate report never changes a count.
 */
export class PullMetrics {
  private readonly pulls: TextCounter<'node' | 'namespace' | 'served_by' | 'outcome'>;
  private readonly duration: StoredHistogram;
  private readonly results: TextCounter<'image' | 'outcome' | 'cause'>;
  private readonly fallbacks: TextCounter<'node' | 'namespace' | 'host' | 'cause'>;
  private readonly ambiguousLines: TextCounter<'node'>;
  private readonly imageLabels: ImageLabelBound;

  constructor(registry: Registry, imageLabelLimit: number) {
    this.imageLabels = new ImageLabelBound(imageLabelLimit);
    this.pulls = new TextCounter(
      'gapwatch_image_pulls_total',
      'Image pulls reported by agents, by node, registry namespace, serving host role and outcome.',
      ['node', 'namespace', 'served_by', 'outcome'],
    );
    registry.registerMetric(this.pulls as never);
    this.duration = new StoredHistogram(
      'gapwatch_image_pull_duration_seconds',
      'Duration of image pulls from the PullImage line to its end, in seconds.',
      PULL_DURATION_BUCKETS,
    );
    registry.registerMetric(this.duration as never);
    this.results = new TextCounter(
      'gapwatch_image_pull_results_total',
      'Image pull results by image reference without digest (bounded, the rest is "other"), outcome and failure cause.',
      ['image', 'outcome', 'cause'],
    );
    registry.registerMetric(this.results as never);
    this.fallbacks = new TextCounter(
      'gapwatch_mirror_fallbacks_total',
      'Failed host attempts before a pull ended, by node, registry namespace, host and cause.',
      ['node', 'namespace', 'host', 'cause'],
    );
    registry.registerMetric(this.fallbacks as never);
    this.ambiguousLines = new TextCounter(
      'gapwatch_pull_ambiguous_lines_total',
      'containerd "trying next host" lines an agent could not attribute to a single pull.',
      ['node'],
    );
    registry.registerMetric(this.ambiguousLines as never);
  }

  /** Rebuilds every count from persisted totals; call once, before the first `apply`. */
  restore(rows: readonly TotalRow[]): void {
    const imageCounts = new Map<string, number>();
    for (const row of rows) {
      if (row.metric === TOTAL.results) {
        const image = row.labels.image ?? '';
        imageCounts.set(image, (imageCounts.get(image) ?? 0) + row.value);
      }
    }
    this.imageLabels.seed(imageCounts);
    this.apply(rows);
  }

  /** Adds increments the store has already committed. */
  apply(increments: readonly TotalIncrement[]): void {
    for (const increment of increments) {
      this.applyOne(increment);
    }
  }

  private applyOne({ metric, labels, value, sum }: TotalIncrement): void {
    const label = (name: string) => labels[name] ?? '';
    switch (metric) {
      case TOTAL.pulls:
        this.pulls.inc({ node: label('node'), namespace: label('namespace'), served_by: label('served_by'), outcome: label('outcome') }, value);
        return;
      case TOTAL.duration:
        this.duration.add({ node: label('node'), served_by: label('served_by') }, label('le'), value, sum);
        return;
      case TOTAL.results:
        this.results.inc({ image: this.imageLabels.labelOf(label('image')), outcome: label('outcome'), cause: label('cause') }, value);
        return;
      case TOTAL.fallbacks:
        this.fallbacks.inc({ node: label('node'), namespace: label('namespace'), host: label('host'), cause: label('cause') }, value);
        return;
      case TOTAL.ambiguousLines:
        this.ambiguousLines.inc({ node: label('node') }, value);
        return;
      default:
        // Totals of metrics this version no longer exports stay stored but unexported.
        return;
    }
  }
}
