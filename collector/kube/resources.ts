import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';

/** Kubernetes kinds the cluster view watches. */
export const RESOURCE_KINDS = ['Pod', 'Node', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** One page request, as the list API takes it. */
export interface PageRequest {
  limit: number;
  _continue?: string;
}

export type PageFetcher = (page: PageRequest) => Promise<KubernetesListObject<KubernetesObject>>;

export interface ResourceSpec {
  kind: ResourceKind;
  /** Cluster-wide collection path, also used by the watch. */
  path: string;
  pageFetcher(config: KubeConfig): PageFetcher;
}

/** Every watched resource with its all-namespaces list call. */
export const RESOURCE_SPECS: Readonly<Record<ResourceKind, ResourceSpec>> = {
  Pod: {
    kind: 'Pod',
    path: '/api/v1/pods',
    pageFetcher: (config) => {
      const api = config.makeApiClient(CoreV1Api);
      return (page) => api.listPodForAllNamespaces(page);
    },
  },
  Node: {
    kind: 'Node',
    path: '/api/v1/nodes',
    pageFetcher: (config) => {
      const api = config.makeApiClient(CoreV1Api);
      return (page) => api.listNode(page);
    },
  },
  Deployment: {
    kind: 'Deployment',
    path: '/apis/apps/v1/deployments',
    pageFetcher: (config) => {
      const api = config.makeApiClient(AppsV1Api);
      return (page) => api.listDeploymentForAllNamespaces(page);
    },
  },
  StatefulSet: {
    kind: 'StatefulSet',
    path: '/apis/apps/v1/statefulsets',
    pageFetcher: (config) => {
      const api = config.makeApiClient(AppsV1Api);
      return (page) => api.listStatefulSetForAllNamespaces(page);
    },
  },
  DaemonSet: {
    kind: 'DaemonSet',
    path: '/apis/apps/v1/daemonsets',
    pageFetcher: (config) => {
      const api = config.makeApiClient(AppsV1Api);
      return (page) => api.listDaemonSetForAllNamespaces(page);
    },
  },
  ReplicaSet: {
    kind: 'ReplicaSet',
    path: '/apis/apps/v1/replicasets',
    pageFetcher: (config) => {
      const api = config.makeApiClient(AppsV1Api);
      return (page) => api.listReplicaSetForAllNamespaces(page);
    },
  },
  Job: {
    kind: 'Job',
    path: '/apis/batch/v1/jobs',
    pageFetcher: (config) => {
      const api = config.makeApiClient(BatchV1Api);
      return (page) => api.listJobForAllNamespaces(page);
    },
  },
  CronJob: {
    kind: 'CronJob',
    path: '/apis/batch/v1/cronjobs',
    pageFetcher: (config) => {
      const api = config.makeApiClient(BatchV1Api);
      return (page) => api.listCronJobForAllNamespaces(page);
    },
  },
};
