import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../kube/cluster-snapshot.js';
import type { DataPlanePod } from '../../kube/istio/data-plane.js';
import type { VerdictInput } from '../types.js';
import { agentsSilent } from './agents-silent.js';
import { historyCoverage } from './history-coverage.js';
import { istioDataPlane } from './istio-data-plane.js';
import { recentPulls } from './recent-pulls.js';
import { runningPods } from './running-pods.js';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const DAY_MS = 86_400_000;

function pod(name: string, image: string): V1Pod {
  return { metadata: { name, namespace: 'shop' }, spec: { nodeName: 'node-a', containers: [{ name: 'app', image }] }, status: { phase: 'Running' } };
}

function proxy(name: string, mode: DataPlanePod['mode']): DataPlanePod {
  return { namespace: 'shop', name, node: 'node-a', mode, container: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.0', version: '1.24.0', digest: null } as DataPlanePod;
}

function input(overrides: Partial<VerdictInput> = {}, pods: V1Pod[] = []): VerdictInput {
  const cluster = { statuses: {}, pods, nodes: [], deployments: [], statefulSets: [], daemonSets: [], replicaSets: [], jobs: [], cronJobs: [] } as unknown as ClusterSnapshot;
  return {
    candidate: { delete: ['docker.io/library/nginx:1.25', 'docker.io/istio/proxyv2:1.24.0'], keep: [] },
    now: NOW,
    windows: { observationMs: 7 * DAY_MS, rollbackMs: DAY_MS, overdueFactor: 3 },
    cluster,
    dataPlane: [],
    pulls: [],
    historyStartedAt: NOW - 30 * DAY_MS,
    agents: [],
    mirror: { answered: true, missing: [], unreachable: [] },
    protectedImages: [],
    ...overrides,
  };
}

const message = (reasons: Array<{ message: string }>) => reasons[0]?.message;

describe('verdict reason wording', () => {
  it('running pods singular', () => {
    expect(message(runningPods(input({}, [pod('web-0', 'nginx:1.25')])))).toBe('1 running or pending container uses an image to delete');
  });

  it('running pods plural', () => {
    expect(message(runningPods(input({}, [pod('web-0', 'nginx:1.25'), pod('web-1', 'nginx:1.25')])))).toBe('2 running or pending containers use images to delete');
  });

  it('istio proxy singular', () => {
    expect(message(istioDataPlane(input({ dataPlane: [proxy('web-0', 'sidecar')] })))).toBe('1 Istio proxy pod (1 sidecar) runs a version to delete');
  });

  it('istio proxy kind is Pod', () => {
    expect(istioDataPlane(input({ dataPlane: [proxy('web-0', 'sidecar')] }))[0]?.objects[0]?.kind).toBe('Pod');
  });

  it('istio proxies by mode', () => {
    const dataPlane = [proxy('web-0', 'sidecar'), proxy('web-1', 'sidecar'), proxy('ztunnel-x', 'ztunnel')];
    expect(message(istioDataPlane(input({ dataPlane })))).toBe('3 Istio proxy pods (2 sidecar, 1 ztunnel) run a version to delete');
  });

  it('silent agent singular', () => {
    const agents = [{ node: 'node-a', lastReportAt: NOW - DAY_MS, intervalSeconds: 60 }];
    expect(message(agentsSilent(input({ agents })))).toBe('1 node has an overdue agent or none, so its pulls are not known');
  });

  it('recent pulls counts nodes', () => {
    const pulls = [{ node: 'node-a', image: 'docker.io/library/nginx:1.25', digest: null, at: NOW - DAY_MS }];
    expect(message(recentPulls(input({ pulls, windows: { observationMs: DAY_MS, rollbackMs: DAY_MS, overdueFactor: 3 } })))).toBe(
      '1 node pulled 1 image to delete within the last 1 day',
    );
  });

  it('history coverage names flag', () => {
    expect(message(historyCoverage(input({ historyStartedAt: null })))).toContain(
      'wait, or pass a shorter --window-seconds (verdict.observationWindowSeconds for scheduled candidates)',
    );
  });
});
