import type { FakeObject } from './server.js';

/** Size of a generated cluster. */
export interface ClusterSize {
  nodes: number;
  pods: number;
  workloads: number;
}

const REGISTRY = 'registry.example';

/**
 * Builds a large cluster for benchmarks: workloads spread over Deployments, ReplicaSets,
 * StatefulSets, DaemonSets, Jobs and CronJobs, and pods with an app container and an
 * istio-proxy sidecar. Every object has the fields a real list returns for it.
 */
export function generateCluster(size: ClusterSize): Record<string, FakeObject[]> {
  const created = '2026-01-01T00:00:00Z';
  const meta = (namespace: string | undefined, name: string, extra: Record<string, unknown> = {}) => ({
    name,
    ...(namespace === undefined ? {} : { namespace }),
    uid: `uid-${namespace ?? ''}-${name}`,
    creationTimestamp: created,
    ...extra,
  });
  const template = (image: string) => ({
    metadata: { labels: { app: 'x' } },
    spec: { containers: [{ name: 'app', image, imagePullPolicy: 'IfNotPresent', resources: {} }] },
  });

  const nodes: FakeObject[] = [];
  for (let i = 0; i < size.nodes; i++) {
    nodes.push({ metadata: meta(undefined, `node-${i}`), spec: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
  }

  const byPath: Record<string, FakeObject[]> = {
    '/api/v1/nodes': nodes,
    '/api/v1/pods': [],
    '/apis/apps/v1/deployments': [],
    '/apis/apps/v1/replicasets': [],
    '/apis/apps/v1/statefulsets': [],
    '/apis/apps/v1/daemonsets': [],
    '/apis/batch/v1/jobs': [],
    '/apis/batch/v1/cronjobs': [],
  };
  const kinds = ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'] as const;
  for (let i = 0; i < size.workloads; i++) {
    const kind = kinds[i % kinds.length]!;
    const namespace = `team-${i % 50}`;
    const image = `${REGISTRY}/${namespace}/svc-${i}:2.0.${i % 7}`;
    const spec = kind === 'cronjobs'
      ? { schedule: '0 3 * * *', suspend: i % 2 === 0, jobTemplate: { spec: { template: template(image) } } }
      : { replicas: 2, selector: { matchLabels: { app: 'x' } }, template: template(image) };
    const status = { observedGeneration: 1, replicas: 2, updatedReplicas: 2, desiredNumberScheduled: 2, updatedNumberScheduled: 2 };
    const path = kind === 'jobs' || kind === 'cronjobs' ? `/apis/batch/v1/${kind}` : `/apis/apps/v1/${kind}`;
    byPath[path]!.push({ metadata: meta(namespace, `svc-${i}`, { generation: 1 }), spec, status });
  }

  for (let i = 0; i < size.pods; i++) {
    const namespace = `team-${i % 50}`;
    const image = `${REGISTRY}/${namespace}/svc-${i % size.workloads}:2.0.${i % 7}`;
    const proxy = `${REGISTRY}/istio/proxyv2:1.2${4 + (i % 2)}.0`;
    const digest = `sha256:${(i % 997).toString(16).padStart(64, '0')}`;
    byPath['/api/v1/pods']!.push({
      metadata: meta(namespace, `svc-${i}-pod`, { labels: { app: 'x' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `svc-${i % size.workloads}`, uid: 'u', controller: true }] }),
      spec: { nodeName: `node-${i % size.nodes}`, containers: [{ name: 'app', image }, { name: 'istio-proxy', image: proxy }] },
      status: {
        phase: 'Running',
        startTime: '2025-12-20T00:00:00Z',
        containerStatuses: [
          { name: 'app', image, imageID: `${image.split(':')[0]}@${digest}`, ready: true, restartCount: 0 },
          { name: 'istio-proxy', image: proxy, imageID: `${REGISTRY}/istio/proxyv2@${digest}`, ready: true, restartCount: 0 },
        ],
      },
    });
  }
  return byPath;
}
