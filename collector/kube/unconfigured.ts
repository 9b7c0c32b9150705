import { emptySnapshot, type ClusterSnapshot } from './cluster-snapshot.js';
import type { ResourceStatus } from './resource-status.js';

/**
 * Stands in for the cluster view when the collector config has no `kube` section: every
 * resource reads as failed, so verdicts are UNKNOWN and never SAFE on an unseen cluster.
 */
export function unconfiguredCluster(since: number): { snapshot(): ClusterSnapshot } {
  const failed: ResourceStatus = { state: 'failed', error: 'no Kubernetes API configured: add a kube section to the collector config', since };
  const empty = emptySnapshot(since);
  const statuses = Object.fromEntries(Object.keys(empty.statuses).map((kind) => [kind, failed])) as ClusterSnapshot['statuses'];
  return { snapshot: () => ({ ...empty, statuses }) };
}
