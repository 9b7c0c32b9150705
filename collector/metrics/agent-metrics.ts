import { Gauge, type Registry } from 'prom-client';
import type { Clock } from '../../core/clock.js';
import type { CollectorStore } from '../store/types.js';
import { isOverdue } from '../nodes/overdue.js';

/** Gauges read from the store at scrape time, so they always match the stored node state. */
export function registerAgentMetrics(registry: Registry, store: CollectorStore, clock: Clock, overdueFactor: number): void {
  new Gauge({
    name: 'gapwatch_agent_last_report_timestamp_seconds',
    help: 'Unix time at which the collector accepted the newest report from each node.',
    labelNames: ['node'],
    registers: [registry],
    collect() {
      this.reset();
      for (const node of store.nodes()) {
        this.set({ node: node.node }, node.lastReportAt / 1000);
      }
    },
  });

  new Gauge({
    name: 'gapwatch_agent_overdue',
    help: 'Whether a node has sent no report for longer than its interval times the overdue factor (1) or not (0).',
    labelNames: ['node'],
    registers: [registry],
    collect() {
      this.reset();
      const now = clock.now();
      for (const node of store.nodes()) {
        this.set({ node: node.node }, isOverdue(node, now, overdueFactor) ? 1 : 0);
      }
    },
  });
}
