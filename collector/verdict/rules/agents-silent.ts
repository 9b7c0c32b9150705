import type { Reason, VerdictRule } from '../types.js';
import { agree, countOf } from './count-noun.js';

/**
 * Pull history is incomplete for a node whose agent is overdue (silent longer than its interval
 * times the overdue factor) or for a Kubernetes node that never had an agent report.
 */
export const agentsSilent: VerdictRule = (input) => {
  const objects: Reason['objects'] = [];
  const reporting = new Set<string>();

  for (const agent of input.agents) {
    reporting.add(agent.node);
    const overdueAfterMs = agent.intervalSeconds * 1000 * input.windows.overdueFactor;
    if (input.now - agent.lastReportAt > overdueAfterMs) {
      objects.push({ kind: 'Agent', namespace: null, name: agent.node, node: agent.node, image: null });
    }
  }
  for (const node of input.cluster.nodes) {
    const name = node.metadata?.name ?? '';
    if (!reporting.has(name)) {
      objects.push({ kind: 'Node', namespace: null, name, node: name, image: null });
    }
  }

  if (objects.length === 0) {
    return [];
  }
  return [{ rule: 'agents-silent', severity: 'unknown', message: `${countOf(objects.length, 'node has', 'nodes have')} an overdue agent or none, so ${agree(objects.length, 'its', 'their')} pulls are not known`, objects }];
};
