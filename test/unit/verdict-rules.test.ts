import type { V1CronJob, V1Deployment, V1Node, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { emptySnapshot, type ClusterSnapshot } from '../../collector/kube/cluster-snapshot.js';
import { findDataPlanePods } from '../../collector/kube/istio/data-plane.js';
import { judge } from '../../collector/verdict/judge.js';
import type { VerdictInput } from '../../collector/verdict/types.js';

const NOW = Date.parse('2026-01-10T00:00:00Z');
const DAY = 86_400_000;
const OLD = 'registry.example/shop/web:1.9.0';
const NEW = 'registry.example/shop/web:2.0.0';
const OLD_DIGEST = `sha256:${'a'.repeat(64)}`;

function pod(name: string, image: string, extra: Partial<V1Pod> = {}, imageID = ''): V1Pod {
  return {
    metadata: { name, namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u' }] },
    spec: { nodeName: 'node-a', containers: [{ name: 'app', image }] },
    status: { phase: 'Running', startTime: new Date(NOW - 10 * DAY), containerStatuses: [{ name: 'app', image, imageID, ready: true, restartCount: 0 }] },
    ...extra,
  } as V1Pod;
}

function deployment(image: string, replicas = 1, updated = replicas, progressedAt = NOW - 10 * DAY): V1Deployment {
  return {
    metadata: { name: 'web', namespace: 'shop', generation: 1 },
    spec: { replicas, selector: {}, template: { spec: { containers: [{ name: 'app', image }] } } },
    status: {
      observedGeneration: 1,
      updatedReplicas: updated,
      conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: new Date(progressedAt) }],
    },
  } as V1Deployment;
}

function input(cluster: Partial<ClusterSnapshot> = {}, overrides: Partial<VerdictInput> = {}): VerdictInput {
  const snapshot = { ...emptySnapshot(), nodes: [{ metadata: { name: 'node-a' } } as V1Node], ...cluster };
  return {
    candidate: { delete: [OLD], keep: [NEW] },
    now: NOW,
    windows: { observationMs: 7 * DAY, rollbackMs: 3 * DAY, overdueFactor: 3 },
    cluster: snapshot,
    dataPlane: findDataPlanePods(snapshot.pods),
    pulls: [],
    historyStartedAt: NOW - 30 * DAY,
    agents: [{ node: 'node-a', lastReportAt: NOW - 30_000, intervalSeconds: 30 }],
    mirror: { answered: true, missing: [], unreachable: [] },
    protectedImages: [],
    ...overrides,
  };
}

function rulesOf(value: VerdictInput): string[] {
  return judge(value).reasons.map((reason) => reason.rule);
}

const unsafeCases: Array<{ name: string; rule: string; value: VerdictInput }> = [
  { name: 'running pod by tag', rule: 'running-pods', value: input({ pods: [pod('web-1', OLD)] }) },
  { name: 'running pod by digest', rule: 'running-pods', value: input({ pods: [pod('web-1', 'registry.example/shop/web:moved', {}, `registry.example/shop/web@${OLD_DIGEST}`)] }, { candidate: { delete: [`registry.example/shop/web@${OLD_DIGEST}`], keep: [NEW] } }) },
  { name: 'pending init container', rule: 'running-pods', value: input({ pods: [pod('web-1', NEW, { spec: { nodeName: 'node-a', containers: [{ name: 'app', image: NEW }], initContainers: [{ name: 'init', image: OLD }] }, status: { phase: 'Pending' } })] }) },
  { name: 'ephemeral container', rule: 'running-pods', value: input({ pods: [pod('web-1', NEW, { spec: { nodeName: 'node-a', containers: [{ name: 'app', image: NEW }], ephemeralContainers: [{ name: 'debug', image: OLD }] } })] }) },
  { name: 'deployment template', rule: 'workload-templates', value: input({ deployments: [deployment(OLD)] }) },
  { name: 'replicaset with replicas', rule: 'workload-templates', value: input({ replicaSets: [{ metadata: { name: 'web-1', namespace: 'shop' }, spec: { replicas: 1, selector: {}, template: { spec: { containers: [{ name: 'app', image: OLD }] } } } } as V1ReplicaSet] }) },
  { name: 'suspended cronjob', rule: 'workload-templates', value: input({ cronJobs: [{ metadata: { name: 'report', namespace: 'shop' }, spec: { schedule: '0 3 * * *', suspend: true, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'r', image: OLD }] } } } } } } as V1CronJob] }) },
  { name: 'finished bare pod', rule: 'workload-templates', value: input({ pods: [pod('debug', OLD, { metadata: { name: 'debug', namespace: 'shop' }, status: { phase: 'Succeeded' } })] }) },
  {
    name: 'istio proxy vendor suffix',
    rule: 'istio-data-plane',
    value: input(
      { pods: [pod('web-1', NEW, { metadata: { name: 'web-1', namespace: 'shop' }, spec: { nodeName: 'node-a', containers: [{ name: 'app', image: NEW }, { name: 'istio-proxy', image: 'registry.example/istio/proxyv2:1.24.2-distroless' }] } })] },
      { candidate: { delete: ['registry.example/istio/proxyv2:1.24.2'], keep: ['registry.example/istio/proxyv2:1.25.0'] } },
    ),
  },
  { name: 'pause image', rule: 'protected-images', value: input({}, { candidate: { delete: ['registry.example/pause:3.9'], keep: [] } }) },
  { name: 'configured pattern', rule: 'protected-images', value: input({}, { protectedImages: ['registry.example/shop/*'] }) },
  { name: 'static pod image', rule: 'protected-images', value: input({ pods: [pod('etcd-node-a', OLD, { metadata: { name: 'etcd-node-a', namespace: 'kube-system', annotations: { 'kubernetes.io/config.mirror': 'x' } } })] }) },
  { name: 'pull within window', rule: 'recent-pulls', value: input({}, { pulls: [{ node: 'node-a', image: OLD, digest: null, at: NOW - DAY }] }) },
  { name: 'keep image missing', rule: 'mirror-complete', value: input({}, { mirror: { answered: true, missing: [{ image: NEW, detail: 'linux/arm64 manifest not found' }], unreachable: [] } }) },
  { name: 'rollout in progress', rule: 'rollout-in-progress', value: input({ deployments: [deployment(NEW, 3, 1)] }) },
  { name: 'rollback window open', rule: 'rollback-window', value: input({ deployments: [deployment(NEW, 1, 1, NOW - DAY)] }) },
];

const clearCases: Array<{ name: string; rule: string; value: VerdictInput }> = [
  { name: 'pod on new version', rule: 'running-pods', value: input({ pods: [pod('web-1', NEW)] }) },
  { name: 'succeeded owned pod', rule: 'running-pods', value: input({ pods: [pod('web-1', OLD, { status: { phase: 'Succeeded' } })] }) },
  { name: 'replicaset scaled to zero', rule: 'workload-templates', value: input({ replicaSets: [{ metadata: { name: 'web-0', namespace: 'shop' }, spec: { replicas: 0, selector: {}, template: { spec: { containers: [{ name: 'app', image: OLD }] } } } } as V1ReplicaSet] }) },
  { name: 'deployment on new version', rule: 'workload-templates', value: input({ deployments: [deployment(NEW)] }) },
  { name: 'istio proxy other version', rule: 'istio-data-plane', value: input({ pods: [pod('web-1', NEW, { spec: { nodeName: 'node-a', containers: [{ name: 'istio-proxy', image: 'registry.example/istio/proxyv2:1.25.0' }] } })] }, { candidate: { delete: ['registry.example/istio/proxyv2:1.24.2'], keep: [] } }) },
  { name: 'ordinary image', rule: 'protected-images', value: input() },
  { name: 'pull before window', rule: 'recent-pulls', value: input({}, { pulls: [{ node: 'node-a', image: OLD, digest: null, at: NOW - 8 * DAY }] }) },
  { name: 'mirror complete', rule: 'mirror-complete', value: input() },
  { name: 'rollout finished', rule: 'rollout-in-progress', value: input({ deployments: [deployment(NEW, 3, 3)] }) },
  { name: 'rollback window passed', rule: 'rollback-window', value: input({ deployments: [deployment(NEW, 1, 1, NOW - 4 * DAY)] }) },
];

const unknownCases: Array<{ name: string; rule: string; value: VerdictInput }> = [
  { name: 'agent overdue', rule: 'agents-silent', value: input({}, { agents: [{ node: 'node-a', lastReportAt: NOW - 120_000, intervalSeconds: 30 }] }) },
  { name: 'node without agent', rule: 'agents-silent', value: input({}, { agents: [] }) },
  { name: 'pod list failed', rule: 'kube-sync', value: input({ statuses: { ...emptySnapshot().statuses, Pod: { state: 'failed', error: 'HTTP 500', since: 0 } } }) },
  { name: 'cronjob list forbidden', rule: 'kube-sync', value: input({ statuses: { ...emptySnapshot().statuses, CronJob: { state: 'forbidden', error: 'HTTP 403', since: 0 } } }) },
  { name: 'registry did not answer', rule: 'mirror-complete', value: input({}, { mirror: { answered: false, missing: [], unreachable: [{ image: NEW, detail: 'connect ECONNREFUSED' }] } }) },
  { name: 'window before history', rule: 'history-coverage', value: input({}, { historyStartedAt: NOW - 2 * DAY }) },
  { name: 'no history stored', rule: 'history-coverage', value: input({}, { historyStartedAt: null }) },
];

describe('verdict rules', () => {
  it('baseline input is SAFE', () => {
    expect(judge(input())).toMatchObject({ verdict: 'SAFE', reasons: [] });
  });

  it.each(unsafeCases)('unsafe: $name', ({ rule, value }) => {
    const verdict = judge(value);
    expect(verdict.verdict).toBe('UNSAFE');
    expect(rulesOf(value)).toContain(rule);
  });

  it.each(clearCases)('clear: $name', ({ rule, value }) => {
    expect(rulesOf(value)).not.toContain(rule);
  });

  it.each(unknownCases)('unknown: $name', ({ rule, value }) => {
    const verdict = judge(value);
    expect(verdict.verdict).toBe('UNKNOWN');
    expect(rulesOf(value)).toContain(rule);
  });
});

describe('verdict judge', () => {
  it('throwing rule gives UNKNOWN', () => {
    const verdict = judge(input(), [], [{ id: 'broken', check: () => { throw new Error('boom'); } }]);
    expect(verdict.verdict).toBe('UNKNOWN');
    expect(verdict.reasons[0]?.message).toContain('boom');
  });

  it('proven blocker outranks unknown', () => {
    const value = input({ pods: [pod('web-1', OLD)] }, { historyStartedAt: null });
    const verdict = judge(value);
    expect(verdict.verdict).toBe('UNSAFE');
    expect(verdict.reasons.some((reason) => reason.severity === 'unknown')).toBe(true);
  });

  it('unknown alone is UNKNOWN', () => {
    expect(judge(input({}, { historyStartedAt: null })).verdict).toBe('UNKNOWN');
  });

  it('reasons name the objects', () => {
    const reason = judge(input({ pods: [pod('web-1', OLD)] })).reasons[0];
    expect(reason?.objects[0]).toEqual({ kind: 'Pod', namespace: 'shop', name: 'web-1', node: 'node-a', image: OLD });
  });

  it('empty delete list is UNKNOWN', () => {
    expect(judge(input({}, { candidate: { delete: [], keep: [NEW] } })).verdict).toBe('UNKNOWN');
  });
});
