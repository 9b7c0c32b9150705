import type { Registry } from 'prom-client';
import type { Clock } from '../../core/clock.js';
import type { CollectorStore } from '../store/types.js';
import { isOverdue } from '../nodes/overdue.js';
import { CollectedGauge } from './collected-gauge.js';

/** Gauges read from the store at scrape time, so they always match the stored node state. */
export function registerAgentMetrics(registry: Registry, store: CollectorStore, clock: Clock, overdueFactor: number): void {
  const lastReport = new CollectedGauge(
    'gapwatch_agent_last_report_timestamp_seconds',
    'Unix time at which the collector accepted the newest report from each node.',
    ['node'],
    (emit) => {
      for (const node of store.nodes()) {
        emit([node.node], node.lastReportAt / 1000);
      }
    },
  );
  const overdue = new CollectedGauge(
    'gapwatch_agent_overdue',
    'Whether a node has sent no report for longer than its interval times the overdue factor (1) or not (0).',
    ['node'],
    (emit) => {
      const now = clock.now();
      for (const node of store.nodes()) {
        emit([node.node], isOverdue(node, now, overdueFactor) ? 1 : 0);
      }
    },
  );
  registry.registerMetric(lastReport as never);
  registry.registerMetric(overdue as never);
}
