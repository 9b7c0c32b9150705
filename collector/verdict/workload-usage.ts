import type { V1ObjectMeta, V1PodSpec } from '@kubernetes/client-node';
import type { ClusterSnapshot } from '../kube/cluster-snapshot.js';

/** A rolling workload with the replica counts that tell whether its rollout finished. */
export interface RollingWorkload {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  metadata: V1ObjectMeta | undefined;
  spec: V1PodSpec | undefined;
  desired: number;
  updated: number;
  /** False while the controller has not yet observed the newest spec. */
  observed: boolean;
}

/** Deployments, StatefulSets and DaemonSets with their desired and updated replica counts. */
export function rollingWorkloads(cluster: ClusterSnapshot): RollingWorkload[] {
  const found: RollingWorkload[] = [];
  for (const item of cluster.deployments) {
    found.push({
      kind: 'Deployment',
      metadata: item.metadata,
      spec: item.spec?.template.spec,
      desired: item.spec?.replicas ?? 1,
      updated: item.status?.updatedReplicas ?? 0,
      observed: (item.status?.observedGeneration ?? 0) >= (item.metadata?.generation ?? 0),
    });
  }
  for (const item of cluster.statefulSets) {
    found.push({
      kind: 'StatefulSet',
      metadata: item.metadata,
      spec: item.spec?.template.spec,
      desired: item.spec?.replicas ?? 1,
      updated: item.status?.updatedReplicas ?? 0,
      observed: (item.status?.observedGeneration ?? 0) >= (item.metadata?.generation ?? 0),
    });
  }
  for (const item of cluster.daemonSets) {
    found.push({
      kind: 'DaemonSet',
      metadata: item.metadata,
      spec: item.spec?.template.spec,
      desired: item.status?.desiredNumberScheduled ?? 0,
      updated: item.status?.updatedNumberScheduled ?? 0,
      observed: (item.status?.observedGeneration ?? 0) >= (item.metadata?.generation ?? 0),
    });
  }
  return found;
}
