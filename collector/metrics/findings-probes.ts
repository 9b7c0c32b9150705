/**
 * Leak-probe metrics, read from each node's newest `probes` findings at scrape time.
 *
 * | name                                   | type  | labels                       | meaning |
 * |----------------------------------------|-------|------------------------------|---------|
 * | gapwatch_leak_probe_reachable          | gauge | node, target, path           | 1 when the confirmed outcome is `reachable`: a public registry answered, the gap leaks |
 * | gapwatch_leak_probe_outcome            | gauge | node, target, path, outcome  | 1 for the confirmed outcome (or `pending`); other outcomes have no series |
 * | gapwatch_leak_probe_duration_seconds   | gauge | node, target, path           | duration of the newest probe on that path |
 *
 * `path` is `direct` or `proxy` (through containerd's HTTPS proxy).
 */
import { Gauge } from 'prom-client';
import type { ProbeResult } from '../../wire/findings/probes.js';
import type { FindingsExporter, FindingsView } from './findings-exporter.js';

export const exportProbes: FindingsExporter = (registry, view) => {
  new Gauge({
    name: 'gapwatch_leak_probe_reachable',
    help: '1 when a public registry answered the confirmed probe on this path (a leak), else 0.',
    labelNames: ['node', 'target', 'path'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { node, result } of probeResults(view)) {
        this.set({ node, target: result.target, path: result.path }, result.reachable ? 1 : 0);
      }
    },
  });

  new Gauge({
    name: 'gapwatch_leak_probe_outcome',
    help: '1 for the confirmed outcome of the leak probe (pending until confirmed); other outcomes have no series.',
    labelNames: ['node', 'target', 'path', 'outcome'] as const,
    registers: [registry],
    collect() {
      this.reset();
      // Only the current outcome is exported: zeros for the other eight outcomes made up most
      // of the scrape, and queries select the current one with `== 1` or by its label.
      for (const { node, result } of probeResults(view)) {
        this.set({ node, target: result.target, path: result.path, outcome: result.outcome }, 1);
      }
    },
  });

  new Gauge({
    name: 'gapwatch_leak_probe_duration_seconds',
    help: 'Duration of the newest leak probe on this path, in seconds.',
    labelNames: ['node', 'target', 'path'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { node, result } of probeResults(view)) {
        this.set({ node, target: result.target, path: result.path }, result.durationSeconds);
      }
    },
  });
};

function* probeResults(view: FindingsView): Generator<{ node: string; result: ProbeResult }> {
  for (const [node, section] of view.latest('probes')) {
    for (const result of section.results) {
      yield { node, result };
    }
  }
}
