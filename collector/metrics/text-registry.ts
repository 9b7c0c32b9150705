import { Registry } from 'prom-client';

/** A metric that renders its own family in the Prometheus text format, header included, without a trailing line feed. */
export interface TextMetric {
  readonly name: string;
  renderText(): string;
}

function isTextMetric(metric: unknown): metric is TextMetric {
  return typeof (metric as Partial<TextMetric>).renderText === 'function';
}

/**
 * A prom-client registry that lets large families render their own text. prom-client formats
 * every sample's labels again on each scrape, which took most of a scrape at 100k series.
 * Text metrics keep each series' label text from when the series was created. Other metrics
 * render through prom-client as before, and the output joins families exactly as prom-client does.
 */
export class TextRegistry extends Registry {
  override async metrics(): Promise<string> {
    if (this.contentType !== Registry.PROMETHEUS_CONTENT_TYPE) {
      return super.metrics();
    }
    const families = await Promise.all(
      this.getMetricsAsArray().map((metric) => (isTextMetric(metric) ? metric.renderText() : this.getSingleMetricAsString(metric.name))),
    );
    return `${families.join('\n\n')}\n`;
  }

  /** Renders every text metric once and drops the text, filling the caches the metrics keep. */
  prerender(): void {
    for (const metric of this.getMetricsAsArray()) {
      if (isTextMetric(metric)) {
        metric.renderText();
      }
    }
  }
}
