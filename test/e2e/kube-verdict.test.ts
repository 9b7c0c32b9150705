import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { silentLogger } from '../../core/log.js';
import { istioRoutes } from '../../collector/api/istio-routes.js';
import { verdictRoutes } from '../../collector/api/verdict-routes.js';
import { ClusterView } from '../../collector/kube/cluster-view.js';
import { registerIstioMetrics } from '../../collector/kube/istio/metrics.js';
import { plainUrlSource } from '../../collector/kube/kube-source.js';
import { VerdictService } from '../../collector/verdict/service.js';
import type { MirrorCheck, PullEvent, Verdict } from '../../collector/verdict/types.js';
import { register as registerVerdictCommand } from '../../cli/commands/verdict.js';
import { applyFixture, readFixture } from '../fakes/kube-api/load-fixture.js';
import { FakeKubeApi } from '../fakes/kube-api/server.js';

const DAY = 86_400_000;
const R = 'registry.example';

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('kube view and verdict', () => {
  const api = new FakeKubeApi();
  const clock = new FakeClock(Date.parse('2026-01-10T00:00:00Z'));
  const pulls: PullEvent[] = [];
  let mirror: MirrorCheck = { answered: true, missing: [], unreachable: [] };
  const registry = new Registry();
  let view: ClusterView;
  let app: FastifyInstance;
  let collectorUrl: string;
  let tmp: string;

  async function post(body: unknown): Promise<{ status: number; json: Verdict }> {
    const response = await fetch(`${collectorUrl}/api/v1/verdicts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as Verdict };
  }

  beforeAll(async () => {
    applyFixture(api, readFixture('mesh-cluster.json'));
    const url = await api.start();
    view = new ClusterView(plainUrlSource(url), clock, silentLogger(), { pageSize: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000 });
    view.start();
    await waitFor(() => view.allSynced(), 'every list to sync').catch((err: Error) => { throw new Error(`${err.message}: ${JSON.stringify(view.statuses())} ${api.requests.join(',')}`); });

    const service = new VerdictService(
      {
        cluster: view,
        pulls: { pullsSince: async (since) => pulls.filter((pull) => pull.at >= since), historyStartedAt: async () => clock.now() - 30 * DAY },
        agents: { agents: async () => ['node-a', 'node-b'].map((node) => ({ node, lastReportAt: clock.now(), intervalSeconds: 30 })) },
        mirror: { check: async () => mirror },
        clock,
        log: silentLogger(),
      },
      { windows: { observationMs: 7 * DAY, rollbackMs: 3 * DAY, overdueFactor: 3 }, protectedImages: [] },
    );
    registerIstioMetrics(registry, view, { targetVersion: null });
    app = Fastify();
    await app.register(verdictRoutes, { verdictService: service });
    await app.register(istioRoutes, { clusterView: view, istioTargetVersion: null });
    collectorUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    tmp = mkdtempSync(join(tmpdir(), 'gapwatch-verdict-'));
  });

  afterAll(async () => {
    await app?.close();
    await view?.stop();
    await api.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('lists pods page by page', () => {
    const podLists = api.requests.filter((request) => request === 'GET /api/v1/pods');
    expect(podLists.length).toBeGreaterThanOrEqual(3);
  });

  it('old web version is SAFE', async () => {
    const { json } = await post({ delete: [`${R}/shop/web:1.9.0`], keep: [`${R}/shop/web:2.0.0`] });
    expect(json.reasons).toEqual([]);
    expect(json.verdict).toBe('SAFE');
  });

  it('running statefulset image is UNSAFE', async () => {
    const { json } = await post({ delete: [`${R}/shop/cart:1.9.0`], keep: [] });
    expect(json.verdict).toBe('UNSAFE');
    expect(json.reasons.map((reason) => reason.rule)).toEqual(['running-pods', 'workload-templates']);
    expect(json.reasons[0]?.objects[0]).toMatchObject({ kind: 'Pod', namespace: 'shop', name: 'cart-0', node: 'node-b' });
  });

  it('suspended cronjob image is UNSAFE', async () => {
    const { json } = await post({ delete: [`${R}/shop/report:1.9.0`], keep: [] });
    expect(json.reasons[0]?.objects[0]).toMatchObject({ kind: 'CronJob', name: 'report' });
  });

  it('static pod image is UNSAFE', async () => {
    const { json } = await post({ delete: [`${R}/kube-apiserver:v1.30.2`], keep: [] });
    expect(json.reasons.map((reason) => reason.rule)).toContain('protected-images');
  });

  it('old istio proxy is UNSAFE', async () => {
    const { json } = await post({ delete: [`${R}/istio/proxyv2:1.24.2`], keep: [`${R}/istio/proxyv2:1.25.0`] });
    expect(json.reasons.map((reason) => reason.rule)).toContain('istio-data-plane');
  });

  it('recent pull is UNSAFE', async () => {
    pulls.push({ node: 'node-a', image: `${R}/shop/web:1.9.0`, digest: null, at: clock.now() - DAY });
    const { json } = await post({ delete: [`${R}/shop/web:1.9.0`], keep: [`${R}/shop/web:2.0.0`] });
    pulls.length = 0;
    expect(json.reasons.map((reason) => reason.rule)).toEqual(['recent-pulls']);
  });

  it('unanswered registry is UNKNOWN', async () => {
    mirror = { answered: false, missing: [], unreachable: [{ image: `${R}/shop/web:2.0.0`, detail: 'connect ECONNREFUSED 127.0.0.1:5000' }] };
    const { json } = await post({ delete: [`${R}/shop/web:1.9.0`], keep: [`${R}/shop/web:2.0.0`] });
    mirror = { answered: true, missing: [], unreachable: [] };
    expect(json.verdict).toBe('UNKNOWN');
  });

  it('short window before history', async () => {
    const { json } = await post({ delete: [`${R}/shop/web:1.9.0`], keep: [], windowSeconds: 40 * 86_400 });
    expect(json.reasons.map((reason) => reason.rule)).toEqual(['history-coverage']);
  });

  it('invalid body is rejected', async () => {
    const { status } = await post({ delete: ['Not A Ref!!'], keep: [] });
    expect(status).toBe(400);
  });

  it('watched pod makes UNSAFE', async () => {
    const pod = readFixture('mesh-cluster.json')['/api/v1/pods']![0]!;
    api.apply('/api/v1/pods', { ...pod, metadata: { ...pod.metadata, name: 'web-old-1' }, spec: { ...(pod.spec as object), containers: [{ name: 'web', image: `${R}/shop/web:1.9.0` }] } });
    await waitFor(() => view.list('Pod').some((object) => object.metadata?.name === 'web-old-1'), 'the watch to deliver the pod');
    const { json } = await post({ delete: [`${R}/shop/web:1.9.0`], keep: [] });
    expect(json.verdict).toBe('UNSAFE');

    api.remove('/api/v1/pods', 'shop', 'web-old-1');
    await waitFor(() => !view.list('Pod').some((object) => object.metadata?.name === 'web-old-1'), 'the watch to delete the pod');
  });

  it('compaction triggers a relist', async () => {
    const listsBefore = api.requests.filter((request) => request === 'GET /apis/apps/v1/deployments').length;
    api.compact();
    await waitFor(() => api.requests.filter((request) => request === 'GET /apis/apps/v1/deployments').length > listsBefore, 'a relist after 410 Gone');
    await waitFor(() => view.allSynced(), 'every list to sync again');
  });

  it('forbidden list is UNKNOWN', async () => {
    api.forbid('/apis/batch/v1/cronjobs');
    await waitFor(() => view.statuses().CronJob.state === 'forbidden', 'the CronJob status to turn forbidden');
    const { json } = await post({ delete: [`${R}/shop/web:1.9.0`], keep: [] });
    expect(json.verdict).toBe('UNKNOWN');
    expect(json.reasons.find((reason) => reason.rule === 'kube-sync')?.message).toContain('forbidden');

    api.allow('/apis/batch/v1/cronjobs');
    clock.advance(10_000);
    await waitFor(() => view.statuses().CronJob.state === 'synced', 'the CronJob list to recover');
  });

  it('failed list is UNKNOWN', async () => {
    api.fail('/apis/apps/v1/daemonsets');
    await waitFor(() => view.statuses().DaemonSet.state === 'failed', 'the DaemonSet status to turn failed');
    const { json } = await post({ delete: [`${R}/shop/web:1.9.0`], keep: [] });
    expect(json.verdict).toBe('UNKNOWN');

    api.recover('/apis/apps/v1/daemonsets');
    clock.advance(10_000);
    await waitFor(() => view.statuses().DaemonSet.state === 'synced', 'the DaemonSet list to recover');
  });

  it('stale istio route lists sidecar', async () => {
    const response = await fetch(`${collectorUrl}/api/v1/istio/stale`);
    const body = (await response.json()) as { target: string; pods: unknown[] };
    expect(body.target).toBe('1.25.0');
    expect(body.pods).toEqual([{ namespace: 'shop', name: 'web-7d9c5b-x2kqp', node: 'node-a', version: '1.24.2', mode: 'sidecar' }]);
  });

  it('istio metric counts modes', async () => {
    const text = await registry.metrics();
    expect(text).toContain('gapwatch_istio_proxy_pods{version="1.24.2",mode="sidecar",stale="true"} 1');
    expect(text).toContain('gapwatch_istio_proxy_pods{version="1.25.0",mode="native-sidecar",stale="false"} 1');
    expect(text).toContain('gapwatch_istio_proxy_pods{version="1.25.0",mode="ztunnel",stale="false"} 1');
    expect(text).toContain('gapwatch_istio_proxy_pods{version="1.25.0",mode="waypoint",stale="false"} 1');
  });

  it.each([
    { name: 'SAFE exits 0', remove: 'web:1.9.0', exit: 0 },
    { name: 'UNSAFE exits 1', remove: 'cart:1.9.0', exit: 1 },
  ])('cli $name', async ({ remove, exit }) => {
    const deleteFile = join(tmp, 'delete.txt');
    const keepFile = join(tmp, 'keep.txt');
    writeFileSync(deleteFile, `# version N-1\n${R}/shop/${remove}\n`);
    writeFileSync(keepFile, `${R}/shop/web:2.0.0  # version N\n`);

    const program = new Command().exitOverride();
    registerVerdictCommand(program);
    const previous = process.exitCode;
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      await program.parseAsync(['verdict', '--delete', deleteFile, '--keep', keepFile, '--collector', collectorUrl], { from: 'user' });
    } finally {
      process.stdout.write = write;
    }
    const code = process.exitCode;
    process.exitCode = previous;
    expect(code).toBe(exit);
  });
});
