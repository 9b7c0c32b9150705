import type { Registry } from 'prom-client';
import type { Clock } from '../../core/clock.js';
import type { CollectorStore } from '../store/types.js';
import { registerAgentMetrics } from './agent-metrics.js';
import { findingsExporters } from './findings-exporters.js';
import { storeFindingsView } from './findings-view.js';
import { IngestMetrics } from './ingest-metrics.js';
import { PullMetrics } from './pull-metrics.js';
import { TextRegistry } from './text-registry.js';

/** Every collector metric on one registry of its own (no process defaults mixed in). */
export interface CollectorMetrics {
  registry: Registry;
  pulls: PullMetrics;
  ingest: IngestMetrics;
}

/** Creates the registry, restores pull counts from the store, follows its commits and registers each findings exporter. */
export function createCollectorMetrics(options: {
  store: CollectorStore;
  clock: Clock;
  imageLabelLimit: number;
  overdueFactor: number;
}): CollectorMetrics {
  const registry = new TextRegistry();
  const pulls = new PullMetrics(registry, options.imageLabelLimit);
  pulls.restore(options.store.totals());
  options.store.onTotalsCommitted((increments) => pulls.apply(increments));
  const ingest = new IngestMetrics(registry);
  registerAgentMetrics(registry, options.store, options.clock, options.overdueFactor);

  const view = storeFindingsView(options.store);
  for (const exporter of findingsExporters) {
    exporter(registry, view);
  }

  // Renders every stored findings snapshot now; later snapshots render as they are stored.
  registry.prerender();
  return { registry, pulls, ingest };
}
