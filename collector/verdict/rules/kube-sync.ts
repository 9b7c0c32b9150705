import type { ResourceState } from '../../kube/resource-status.js';
import { RESOURCE_KINDS } from '../../kube/resources.js';
import type { Reason, VerdictRule } from '../types.js';

const STATE_PHRASES: Record<ResourceState, (kind: string) => string> = {
  pending: (kind) => `the ${kind} list has not synced yet`,
  synced: (kind) => `the ${kind} list is synced`,
  failed: (kind) => `listing ${kind} failed`,
  forbidden: (kind) => `listing ${kind} is forbidden`,
};

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
      message: `${STATE_PHRASES[status.state](kind)}${detail}`,
      objects: [{ kind, namespace: null, name: '*', node: null, image: null }],
    });
  }
  return reasons;
};
