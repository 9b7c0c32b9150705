import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReport } from '../../collector/testing/reports.js';
import type { Verdict } from '../../collector/verdict/types.js';
import { applyFixture, readFixture } from '../fakes/kube-api/load-fixture.js';
import { FakeKubeApi } from '../fakes/kube-api/server.js';
import { createLabPki, type LabPki } from '../lab/ca.js';
import { cliPath, startGapwatch, type GapwatchProcess } from '../lab/gapwatch.js';
import { buildImage, buildMultiPlatformImage, createLayout, deleteManifest, moveTag, pushImage, type Layout, type PushTarget } from '../lab/images.js';
import { freePort, ProcessRegistry, waitFor } from '../lab/processes.js';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { LAB_BINARIES, requireLab } from '../lab/require.js';

const execFileAsync = promisify(execFile);

const skipReason = requireLab([LAB_BINARIES.registry, LAB_BINARIES.skopeo, LAB_BINARIES.umoci, LAB_BINARIES.openssl]);

/** Registry host of the operator's image lists. The collector rewrites it to the mirror. */
const R = 'registry.example';
/** Smallest observation window the collector config accepts, seconds. */
const WINDOW_SECONDS = 60;
/** Nodes of the mesh-cluster fixture. Each needs an agent report, or the verdict is UNKNOWN. */
const NODES = ['node-a', 'node-b'];
const SCHEDULED_CANDIDATE = 'complete-n';

interface VerdictRun {
  exitCode: number;
  verdict: Verdict;
}

/**
 * Pushes version N in three states: `team/complete:2.0` whole, `team/gap:2.0` with its arm64
 * manifest deleted, and `team/moved:2.0` whose tag was moved off the index first pushed.
 */
async function pushMirrorImages(layout: Layout, target: PushTarget): Promise<{ gapArm64Digest: string; movedOldDigest: string }> {
  await buildMultiPlatformImage(layout, 'complete');
  await pushImage(layout, 'complete', target, 'team/complete', '2.0');

  const gap = await buildMultiPlatformImage(layout, 'gap');
  await pushImage(layout, 'gap', target, 'team/gap', '2.0');
  const gapArm64Digest = gap.platforms[1]!.digest;
  await deleteManifest(target, 'team/gap', gapArm64Digest);

  const movedOld = await buildMultiPlatformImage(layout, 'moved');
  await pushImage(layout, 'moved', target, 'team/moved', '2.0');
  const movedNew = await buildImage(layout, 'moved-next');
  await pushImage(layout, 'moved-next', target, 'team/moved', 'next');
  await moveTag(target, 'team/moved', '2.0', movedNew.digest);

  return { gapArm64Digest, movedOldDigest: movedOld.digest };
}

describe.skipIf(skipReason !== null)('verdict mirror check', () => {
  const processes = new ProcessRegistry();
  const api = new FakeKubeApi();
  let pki: LabPki;
  let registry: LabRegistry;
  let layout: Layout;
  let listDir: string;
  let collector: GapwatchProcess & { url: string };
  let wrongCaCollector: GapwatchProcess & { url: string };
  let noMirrorCollector: GapwatchProcess & { url: string };
  let gapArm64Digest: string;
  let movedOldDigest: string;

  /** Starts `gapwatch collector` on a free loopback port with the fake API and `extra` config. */
  async function startCollector(kubeUrl: string, extra: Record<string, unknown>): Promise<GapwatchProcess & { url: string }> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const handle = await startGapwatch({
      command: 'collector',
      config: (dir) => ({
        listen: `127.0.0.1:${port}`,
        databasePath: join(dir, 'collector.db'),
        kube: { source: 'url', url: kubeUrl },
        ...extra,
      }),
      readyUrl: `${url}/healthz`,
      // Loading the Kubernetes and OpenTelemetry clients takes the collector several seconds.
      readyTimeoutMs: 60_000,
      registry: processes,
    });
    return Object.assign(handle, { url });
  }

  /** Posts one agent report per fixture node, as the agents would. */
  async function reportAllNodes(url: string): Promise<void> {
    for (const [index, node] of NODES.entries()) {
      const report = makeReport({ node, agentId: `${index + 1}`.repeat(16), intervalSeconds: 300, sentAt: new Date().toISOString() });
      const response = await fetch(`${url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
      await response.arrayBuffer();
      if (response.status !== 200) {
        throw new Error(`report for ${node} to ${url} returned HTTP ${response.status}`);
      }
    }
  }

  /** Runs the built `gapwatch verdict --json` against `collectorUrl` and parses its output. */
  async function runVerdict(collectorUrl: string, deleteRefs: string[], keepRefs: string[]): Promise<VerdictRun> {
    const name = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const deleteFile = join(listDir, `${name}-delete.txt`);
    const keepFile = join(listDir, `${name}-keep.txt`);
    await writeFile(deleteFile, `# version N-1\n${deleteRefs.join('\n')}\n`);
    await writeFile(keepFile, `# version N\n${keepRefs.join('\n')}\n`);

    const args = [cliPath(), 'verdict', '--delete', deleteFile, '--keep', keepFile, '--collector', collectorUrl, '--json'];
    let exitCode = 0;
    let stdout: string;
    try {
      ({ stdout } = await execFileAsync(process.execPath, args, { timeout: 60_000 }));
    } catch (err) {
      const failed = err as { code?: number; stdout?: string; stderr?: string };
      if (typeof failed.code !== 'number' || failed.code === 3) {
        throw new Error(`gapwatch verdict failed (exit ${failed.code}): ${failed.stderr ?? ''}`);
      }
      exitCode = failed.code;
      stdout = failed.stdout ?? '';
    }
    return { exitCode, verdict: JSON.parse(stdout) as Verdict };
  }

  beforeAll(async () => {
    pki = await createLabPki();
    registry = await startRegistry({ tls: pki.server });
    listDir = await mkdtemp(join(tmpdir(), 'gapwatch-verdict-lists-'));
    applyFixture(api, readFixture('mesh-cluster.json'));
    const kubeUrl = await api.start();

    // Pull history begins when a collector opens its database, and the observation window must
    // lie inside it, so the images are built and pushed while the collectors start and wait.
    const mirror = { mirrorUrl: registry.url, caFile: pki.ca.cert, timeoutSeconds: 5 };
    const verdict = {
      observationWindowSeconds: WINDOW_SECONDS,
      scheduleSeconds: 10,
      candidates: [{ name: SCHEDULED_CANDIDATE, delete: [`${R}/team/complete:1.0`], keep: [`${R}/team/complete:2.0`] }],
    };
    let historyCoveredAt = Number.POSITIVE_INFINITY;
    const collectorsReady = Promise.all([
      startCollector(kubeUrl, { registry: mirror, verdict }),
      startCollector(kubeUrl, { registry: { ...mirror, caFile: pki.otherCa.cert }, verdict: { observationWindowSeconds: WINDOW_SECONDS } }),
      startCollector(kubeUrl, { verdict: { observationWindowSeconds: WINDOW_SECONDS } }),
    ]).then((handles) => {
      // Every database opened before its collector served /healthz, so this bound is safe.
      historyCoveredAt = Date.now() + WINDOW_SECONDS * 1000 + 1000;
      return handles;
    });
    layout = await createLayout();
    const [started, pushed] = await Promise.all([collectorsReady, pushMirrorImages(layout, { host: registry.host, certDir: pki.certDir })]);
    [collector, wrongCaCollector, noMirrorCollector] = started;
    ({ gapArm64Digest, movedOldDigest } = pushed);

    for (const running of started) {
      await reportAllNodes(running.url);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, historyCoveredAt - Date.now())));
  });

  afterAll(async () => {
    await processes.stopAll();
    await api.stop();
    await registry?.stop();
    await layout?.cleanup();
    await pki?.cleanup();
    if (listDir) {
      await rm(listDir, { recursive: true, force: true });
    }
  });

  it('complete N is SAFE', async () => {
    const run = await runVerdict(collector.url, [`${R}/team/complete:1.0`], [`${R}/team/complete:2.0`]);

    expect(run.verdict.reasons).toEqual([]);
    expect(run.verdict.verdict).toBe('SAFE');
    expect(run.exitCode).toBe(0);
  });

  it('scheduled gauge turns SAFE', async () => {
    const line = `gapwatch_gc_verdict{candidate="${SCHEDULED_CANDIDATE}"}`;
    const value = await waitFor(
      async () => {
        const text = await (await fetch(`${collector.url}/metrics`)).text();
        const sample = text.split('\n').find((entry) => entry.startsWith(line));
        return sample?.endsWith(' 1') ? sample : undefined;
      },
      { timeoutMs: 25_000, intervalMs: 500, what: `${line} to read 1 (SAFE)` },
    );

    expect(value).toBe(`${line} 1`);
  });

  it('deleted platform is UNSAFE', async () => {
    const keep = `${R}/team/gap:2.0`;
    const run = await runVerdict(collector.url, [`${R}/team/gap:1.0`], [keep]);
    const reason = run.verdict.reasons[0];

    expect(run.verdict.verdict).toBe('UNSAFE');
    expect(run.exitCode).toBe(1);
    expect(run.verdict.reasons).toHaveLength(1);
    expect(reason?.rule).toBe('mirror-complete');
    expect(reason?.severity).toBe('unsafe');
    expect(reason?.objects.map((object) => object.image)).toEqual([keep]);
    expect(reason?.message).toContain(`linux/arm64 (${gapArm64Digest})`);
  });

  it('moved tag is UNSAFE', async () => {
    const keep = `${R}/team/moved:2.0@${movedOldDigest}`;
    const run = await runVerdict(collector.url, [`${R}/team/moved:1.0`], [keep]);
    const reason = run.verdict.reasons[0];

    expect(run.verdict.verdict).toBe('UNSAFE');
    expect(run.exitCode).toBe(1);
    expect(reason?.rule).toBe('mirror-complete');
    expect(reason?.objects.map((object) => object.image)).toEqual([keep]);
    expect(reason?.message).toContain(`expected ${movedOldDigest}`);
  });

  it('wrong CA is UNKNOWN', async () => {
    const keep = `${R}/team/complete:2.0`;
    const run = await runVerdict(wrongCaCollector.url, [`${R}/team/complete:1.0`], [keep]);
    const reason = run.verdict.reasons[0];

    expect(run.verdict.verdict).toBe('UNKNOWN');
    expect(run.exitCode).toBe(2);
    expect(run.verdict.reasons).toHaveLength(1);
    expect(reason?.rule).toBe('mirror-complete');
    expect(reason?.severity).toBe('unknown');
    expect(reason?.objects.map((object) => object.image)).toEqual([keep]);
    expect(reason?.message).toContain('TLS handshake');
  });

  it('no registry section is UNKNOWN', async () => {
    const run = await runVerdict(noMirrorCollector.url, [`${R}/team/complete:1.0`], [`${R}/team/complete:2.0`]);
    const reason = run.verdict.reasons[0];

    expect(run.verdict.verdict).toBe('UNKNOWN');
    expect(run.exitCode).toBe(2);
    expect(run.verdict.reasons).toHaveLength(1);
    expect(reason?.rule).toBe('mirror-complete');
    expect(reason?.message).toContain('registry.mirrorUrl');
  });

  // Runs last because it stops the registry the other cases read.
  it('stopped registry is UNKNOWN', async () => {
    await registry.stop();
    const run = await runVerdict(collector.url, [`${R}/team/complete:1.0`], [`${R}/team/complete:2.0`]);
    const reason = run.verdict.reasons[0];

    expect(run.verdict.verdict).toBe('UNKNOWN');
    expect(run.exitCode).toBe(2);
    expect(run.verdict.reasons).toHaveLength(1);
    expect(reason?.rule).toBe('mirror-complete');
    expect(reason?.severity).toBe('unknown');
    expect(reason?.message).toContain('unreachable');
  });
});

if (skipReason !== null) {
  describe('verdict mirror check', () => {
    it.skip(skipReason, () => undefined);
  });
}
