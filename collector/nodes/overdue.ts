import type { NodeReport } from '../store/types.js';

/** Whether a node's agent has been silent for longer than `factor` report intervals at `now` (ms). */
export function isOverdue(node: Pick<NodeReport, 'lastReportAt' | 'intervalSeconds'>, now: number, factor: number): boolean {
  return now - node.lastReportAt > node.intervalSeconds * factor * 1000;
}
