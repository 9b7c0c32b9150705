import type { KubernetesObject } from '@kubernetes/client-node';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import type { ClusterSnapshot } from './cluster-snapshot.js';
import type { KubeSource } from './kube-source.js';
import type { ResourceStatus } from './resource-status.js';
import { RESOURCE_KINDS, RESOURCE_SPECS, type ResourceKind } from './resources.js';
import { ResourceWatch, type ResourceWatchOptions } from './resource-watch.js';

export const DEFAULT_WATCH_OPTIONS: ResourceWatchOptions = {
  pageSize: 500,
  backoffInitialMs: 1_000,
  backoffMaxMs: 60_000,
};

/**
 * The collector's in-memory copy of the cluster, kept current by one informer per resource.
 * Readers get the cached objects; nothing here lists the API per scrape or per verdict.
 */
export class ClusterView {
  private readonly watches: Record<ResourceKind, ResourceWatch>;

  constructor(source: KubeSource, clock: Clock, log: Logger, options: ResourceWatchOptions = DEFAULT_WATCH_OPTIONS) {
    const config = source.kubeConfig();
    const viewLog = log.child({ component: 'cluster-view', source: source.description });
    const entries = RESOURCE_KINDS.map(
      (kind) => [kind, new ResourceWatch(RESOURCE_SPECS[kind], clock, viewLog.child({ kind }), config, options)] as const,
    );
    this.watches = Object.fromEntries(entries) as Record<ResourceKind, ResourceWatch>;
  }

  start(): void {
    for (const watch of Object.values(this.watches)) {
      watch.start();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.watches).map((watch) => watch.stop()));
  }

  statuses(): Record<ResourceKind, ResourceStatus> {
    const entries = RESOURCE_KINDS.map((kind) => [kind, this.watches[kind].status()] as const);
    return Object.fromEntries(entries) as Record<ResourceKind, ResourceStatus>;
  }

  /** True once every resource has been listed at least once and none is failing now. */
  allSynced(): boolean {
    return Object.values(this.statuses()).every((status) => status.state === 'synced');
  }

  list(kind: ResourceKind): readonly KubernetesObject[] {
    return this.watches[kind].list();
  }

  snapshot(): ClusterSnapshot {
    return {
      statuses: this.statuses(),
      pods: this.list('Pod') as ClusterSnapshot['pods'],
      nodes: this.list('Node') as ClusterSnapshot['nodes'],
      deployments: this.list('Deployment') as ClusterSnapshot['deployments'],
      statefulSets: this.list('StatefulSet') as ClusterSnapshot['statefulSets'],
      daemonSets: this.list('DaemonSet') as ClusterSnapshot['daemonSets'],
      replicaSets: this.list('ReplicaSet') as ClusterSnapshot['replicaSets'],
      jobs: this.list('Job') as ClusterSnapshot['jobs'],
      cronJobs: this.list('CronJob') as ClusterSnapshot['cronJobs'],
    };
  }
}
