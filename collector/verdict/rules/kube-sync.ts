import { RESOURCE_KINDS } from '../../kube/resources.js';
import type { Reason, VerdictRule } from '../types.js';

/** A Kubernetes list has not synced, failed or was forbidden: the cluster view is incomplete. */
export const kubeSync: VerdictRule = (input) => {
  const reasons: Reason[] = [];
  for (const kind of RESOURCE_KINDS) {
    const status = input.cluster.statuses[kind];
    if (status.state === 'synced') {
      continue;
    }
    const detail = status.error === null ? '' : `: ${status.error}`;
    reasons.push({
      rule: 'kube-sync',
      severity: 'unknown',
      message: `the ${kind} list is ${status.state}${detail}`,
      objects: [{ kind, namespace: null, name: '*', node: null, image: null }],
    });
  }
  return reasons;
};
