import type { FailureCause, PullOutcome, ServedBy } from '../../wire/pull.js';
import { createLabPki, type LabPki } from './ca.js';
import { startContainerd, type LabContainerd } from './containerd.js';
import { createCriClient, type CriClient, type PullResult } from './cri.js';
import { buildImage, createLayout, pushImage, type Layout } from './images.js';
import { freePort, type ProcessRegistry } from './processes.js';
import { startRegistry, type LabRegistry } from './registry.js';

/** Repository path prefix every lab image lives under, in both registries. */
export const LAB_REPOSITORY_PREFIX = 'solo-public';

/** Which host a failed attempt went to, resolved to `host:port` once the lab runs. */
type HostRole = 'mirror' | 'upstream' | 'closedMirror' | 'closedUpstream';

/** One pull the kubelet would make, and the record a correct reading of containerd's log produces for it. */
export interface PullCase {
  name: string;
  /** Registry host in the reference; each case has its own certs.d directory. */
  namespace: string;
  /** Reference as the kubelet passes it to PullImage. */
  image: string;
  /** Which hosts its hosts.toml lists. */
  hosts: 'healthy' | 'mirrorWithoutCa' | 'bothClosed';
  outcome: PullOutcome;
  servedBy: ServedBy;
  /** Cause of the whole pull's failure; null for a success. */
  failureCause: FailureCause | null;
  /** Hosts that failed before the pull ended, in the order containerd tried them. */
  attempts: ReadonlyArray<{ host: HostRole; cause: FailureCause }>;
}

/** The five pull cases, in the order they run. */
export const PULL_CASES: readonly PullCase[] = [
  {
    name: 'mirror hit',
    namespace: 'hit.lab.test',
    image: `hit.lab.test/${LAB_REPOSITORY_PREFIX}/agentgateway:2026.5.0`,
    hosts: 'healthy',
    outcome: 'success',
    servedBy: 'mirror',
    failureCause: null,
    attempts: [],
  },
  {
    name: 'mirror 404 then upstream',
    namespace: 'miss.lab.test',
    image: `miss.lab.test/${LAB_REPOSITORY_PREFIX}/only-upstream:1.0`,
    hosts: 'healthy',
    outcome: 'success',
    servedBy: 'upstream',
    failureCause: null,
    attempts: [{ host: 'mirror', cause: 'not_found' }],
  },
  {
    name: 'mirror tls then upstream',
    namespace: 'tls.lab.test',
    image: `tls.lab.test/${LAB_REPOSITORY_PREFIX}/agentgateway:2026.5.0`,
    hosts: 'mirrorWithoutCa',
    outcome: 'success',
    servedBy: 'upstream',
    failureCause: null,
    attempts: [{ host: 'mirror', cause: 'tls' }],
  },
  {
    name: 'both refused',
    namespace: 'down.lab.test',
    image: `down.lab.test/${LAB_REPOSITORY_PREFIX}/agentgateway:2026.5.0`,
    hosts: 'bothClosed',
    outcome: 'failure',
    servedBy: 'unknown',
    failureCause: 'refused',
    attempts: [
      { host: 'closedMirror', cause: 'refused' },
      { host: 'closedUpstream', cause: 'refused' },
    ],
  },
  {
    name: 'both not found',
    namespace: 'gone.lab.test',
    image: `gone.lab.test/${LAB_REPOSITORY_PREFIX}/nowhere:9.9`,
    hosts: 'healthy',
    outcome: 'failure',
    servedBy: 'unknown',
    failureCause: 'not_found',
    attempts: [
      { host: 'mirror', cause: 'not_found' },
      { host: 'upstream', cause: 'not_found' },
    ],
  },
];

/** Everything the pull scenario runs on; `stop()` stops it all and removes its files. */
export interface PullLab {
  readonly pki: LabPki;
  /** The mirror, which contains agentgateway only. */
  readonly mirror: LabRegistry;
  /** The upstream, which contains agentgateway and only-upstream. */
  readonly upstream: LabRegistry;
  readonly containerd: LabContainerd;
  readonly cri: CriClient;
  /** `host:port` for each role, the way containerd names hosts in its log. */
  readonly hosts: Readonly<Record<HostRole, string>>;
  stop(): Promise<void>;
}

/**
 * Starts the lab: a private CA, a mirror and an upstream docker-registry over TLS on
 * loopback, the images pushed, containerd, and one certs.d directory per case.
 */
export async function startPullLab(registry?: ProcessRegistry): Promise<PullLab> {
  const cleanups: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch(() => undefined);
    }
  };

  try {
    const pki = await createLabPki();
    cleanups.push(() => pki.cleanup());

    const mirror = await startRegistry({ tls: pki.server });
    cleanups.push(() => mirror.stop());
    const upstream = await startRegistry({ tls: pki.server });
    cleanups.push(() => upstream.stop());

    const layout = await createLayout();
    cleanups.push(() => layout.cleanup());
    await pushLabImages(layout, pki, mirror, upstream);

    // Nothing listens on these two ports, so containerd gets "connection refused".
    const closedPorts = [await freePort(), await freePort()];
    const hosts: Record<HostRole, string> = {
      mirror: mirror.host,
      upstream: upstream.host,
      closedMirror: `127.0.0.1:${closedPorts[0]}`,
      closedUpstream: `127.0.0.1:${closedPorts[1]}`,
    };

    const containerd = await startContainerd();
    cleanups.push(() => containerd.stop());
    for (const pullCase of PULL_CASES) {
      containerd.writeHosts(pullCase.namespace, renderCaseHosts(pullCase, hosts, pki.ca.cert));
    }

    const cri = createCriClient(containerd.socket);
    cleanups.push(async () => cri.close());
    await cri.waitUntilReady();

    const lab: PullLab = {
      pki,
      mirror,
      upstream,
      containerd,
      cri,
      hosts,
      async stop() {
        registry?.forget(lab);
        await stopAll();
      },
    };
    registry?.track(lab);
    return lab;
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function pushLabImages(layout: Layout, pki: LabPki, mirror: LabRegistry, upstream: LabRegistry): Promise<void> {
  await buildImage(layout, 'agentgateway', { content: 'agentgateway 2026.5.0\n' });
  await buildImage(layout, 'only-upstream', { content: 'only-upstream 1.0\n' });
  const toMirror = { host: mirror.host, certDir: pki.certDir };
  const toUpstream = { host: upstream.host, certDir: pki.certDir };
  await pushImage(layout, 'agentgateway', toMirror, `${LAB_REPOSITORY_PREFIX}/agentgateway`, '2026.5.0');
  await pushImage(layout, 'agentgateway', toUpstream, `${LAB_REPOSITORY_PREFIX}/agentgateway`, '2026.5.0');
  await pushImage(layout, 'only-upstream', toUpstream, `${LAB_REPOSITORY_PREFIX}/only-upstream`, '1.0');
}

/**
 * Renders one case's hosts.toml. Top-level keys configure the `server` (the upstream), each
 * `[host."..."]` table a mirror tried before it.
 */
export function renderCaseHosts(pullCase: PullCase, hosts: Readonly<Record<HostRole, string>>, caFile: string): string {
  switch (pullCase.hosts) {
    case 'healthy':
      return [
        `server = "https://${hosts.upstream}"`,
        `ca = "${caFile}"`,
        '',
        `[host."https://${hosts.mirror}"]`,
        '  capabilities = ["pull", "resolve"]',
        `  ca = "${caFile}"`,
        '',
      ].join('\n');
    case 'mirrorWithoutCa':
      return [
        `server = "https://${hosts.upstream}"`,
        `ca = "${caFile}"`,
        '',
        `[host."https://${hosts.mirror}"]`,
        '  capabilities = ["pull", "resolve"]',
        '',
      ].join('\n');
    case 'bothClosed':
      return [
        `server = "https://${hosts.closedUpstream}"`,
        '',
        `[host."https://${hosts.closedMirror}"]`,
        '  capabilities = ["pull", "resolve"]',
        '',
      ].join('\n');
  }
}

/** One case's pull, with what CRI returned. */
export interface PullCaseRun {
  pullCase: PullCase;
  result: PullResult;
}

/** Runs the cases one after another through CRI PullImage, pausing `gapMs` between pulls. */
export async function runPullCases(lab: PullLab, cases: readonly PullCase[] = PULL_CASES, gapMs = 0): Promise<PullCaseRun[]> {
  const runs: PullCaseRun[] = [];
  for (const pullCase of cases) {
    runs.push({ pullCase, result: await lab.cri.pullImage(pullCase.image) });
    if (gapMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  }
  return runs;
}

/** A Prometheus sample: its label set and value. */
export interface ExpectedSample {
  labels: Record<string, string>;
  value: number;
}

/** Expected values of the collector's pull counters after `rounds` runs of `cases` on `node`. */
export interface ExpectedCounts {
  /** `gapwatch_image_pulls_total{node,namespace,served_by,outcome}`. */
  pulls: ExpectedSample[];
  /** `gapwatch_mirror_fallbacks_total{node,namespace,host,cause}`: one per failed attempt. */
  fallbacks: ExpectedSample[];
}

/** Computes what the collector must count for the given cases; samples with equal labels are summed. */
export function expectedCounts(
  lab: Pick<PullLab, 'hosts'>,
  node: string,
  cases: readonly PullCase[] = PULL_CASES,
  rounds = 1,
): ExpectedCounts {
  const pulls = new Map<string, ExpectedSample>();
  const fallbacks = new Map<string, ExpectedSample>();
  for (const pullCase of cases) {
    addSample(pulls, { node, namespace: pullCase.namespace, served_by: pullCase.servedBy, outcome: pullCase.outcome }, rounds);
    for (const attempt of pullCase.attempts) {
      addSample(fallbacks, { node, namespace: pullCase.namespace, host: lab.hosts[attempt.host], cause: attempt.cause }, rounds);
    }
  }
  return { pulls: [...pulls.values()], fallbacks: [...fallbacks.values()] };
}

function addSample(samples: Map<string, ExpectedSample>, labels: Record<string, string>, value: number): void {
  const key = JSON.stringify(Object.entries(labels).sort());
  const existing = samples.get(key);
  if (existing) {
    existing.value += value;
    return;
  }
  samples.set(key, { labels, value });
}
