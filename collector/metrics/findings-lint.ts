/**
 * Metrics from the lint section of node reports:
 *
 *   gapwatch_config_findings{node,rule,severity}  gauge  findings of the node's newest lint run
 *
 * A rule with no findings on a node has no series; alert on `gapwatch_config_findings{severity="error"} > 0`.
 */
import type { FindingsExporter } from './findings-exporter.js';
import { registerSnapshotGauge } from './snapshot-gauge.js';

export const exportLintFindings: FindingsExporter = (registry, view) => {
  registerSnapshotGauge(registry, view, {
    name: 'gapwatch_config_findings',
    help: 'Registry config lint findings in the newest lint run of each node, by rule and severity.',
    labelNames: ['node', 'rule', 'severity'],
    section: 'lint',
    samples(node, section, emit) {
      const counts = new Map<string, { rule: string; severity: string; count: number }>();
      for (const finding of section.findings) {
        const key = `${finding.rule}\u0000${finding.severity}`;
        const entry = counts.get(key) ?? { rule: finding.rule, severity: finding.severity, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
      for (const { rule, severity, count } of counts.values()) {
        emit([node, rule, severity], count);
      }
    },
  });
};
