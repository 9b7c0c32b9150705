import type {
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Node,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { ResourceStatus } from './resource-status.js';
import type { ResourceKind } from './resources.js';

/**
 * The cluster objects the verdict and the Istio view read, as plain data. Timestamps are
 * `Date` when they came from a list and strings when they came from a watch event, so readers
 * go through `toEpochMs`.
 */
export interface ClusterSnapshot {
  statuses: Readonly<Record<ResourceKind, ResourceStatus>>;
  pods: readonly V1Pod[];
  nodes: readonly V1Node[];
  deployments: readonly V1Deployment[];
  statefulSets: readonly V1StatefulSet[];
  daemonSets: readonly V1DaemonSet[];
  replicaSets: readonly V1ReplicaSet[];
  jobs: readonly V1Job[];
  cronJobs: readonly V1CronJob[];
}

/** Epoch milliseconds of a Kubernetes timestamp, or null when absent or invalid. */
export function toEpochMs(value: Date | string | undefined | null): number | null {
  if (value === undefined || value === null) {
    return null;
  }
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** A snapshot with every resource synced and no objects, for tests to fill. */
export function emptySnapshot(since = 0): ClusterSnapshot {
  const synced: ResourceStatus = { state: 'synced', error: null, since };
  return {
    statuses: {
      Pod: synced,
      Node: synced,
      Deployment: synced,
      StatefulSet: synced,
      DaemonSet: synced,
      ReplicaSet: synced,
      Job: synced,
      CronJob: synced,
    },
    pods: [],
    nodes: [],
    deployments: [],
    statefulSets: [],
    daemonSets: [],
    replicaSets: [],
    jobs: [],
    cronJobs: [],
  };
}
