/**
 * Leak-probe metrics, from each node's newest `probes` findings.
 *
 * | name                                   | type  | labels                       | meaning |
 * |----------------------------------------|-------|------------------------------|---------|
 * | gapwatch_leak_probe_reachable          | gauge | node, target, path           | 1 when the confirmed outcome is `reachable`: a public registry responded, so the gap leaks |
 * | gapwatch_leak_probe_outcome            | gauge | node, target, path, outcome  | 1 for the confirmed outcome (or `pending`); other outcomes have no series |
 * | gapwatch_leak_probe_duration_seconds   | gauge | node, target, path           | duration of the newest probe on that path |
 *
 * `path` is `direct` or `proxy` (through containerd's HTTPS proxy).
 */
import type { FindingsExporter } from './findings-exporter.js';
import { registerSnapshotGauge } from './snapshot-gauge.js';

export const exportProbes: FindingsExporter = (registry, view) => {
  registerSnapshotGauge(registry, view, {
    name: 'gapwatch_leak_probe_reachable',
    help: '1 when a public registry responded to the confirmed probe on this path (a leak), else 0.',
    labelNames: ['node', 'target', 'path'],
    section: 'probes',
    samples(node, section, emit) {
      for (const result of section.results) {
        emit([node, result.target, result.path], result.reachable ? 1 : 0);
      }
    },
  });

  // Only the current outcome is exported: zeros for the other eight outcomes made up most of
  // the scrape, and queries select the current one with `== 1` or by its label.
  registerSnapshotGauge(registry, view, {
    name: 'gapwatch_leak_probe_outcome',
    help: '1 for the confirmed outcome of the leak probe (pending until confirmed); other outcomes have no series.',
    labelNames: ['node', 'target', 'path', 'outcome'],
    section: 'probes',
    samples(node, section, emit) {
      for (const result of section.results) {
        emit([node, result.target, result.path, result.outcome], 1);
      }
    },
  });

  registerSnapshotGauge(registry, view, {
    name: 'gapwatch_leak_probe_duration_seconds',
    help: 'Duration of the newest leak probe on this path, in seconds.',
    labelNames: ['node', 'target', 'path'],
    section: 'probes',
    samples(node, section, emit) {
      for (const result of section.results) {
        emit([node, result.target, result.path], result.durationSeconds);
      }
    },
  });
};
