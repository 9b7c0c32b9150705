/**
 * The demo's replay: containerd 1.7 CRI log lines, in the exact shapes a real containerd writes
 * at info level, for a handful of pulls on two nodes. Hosts are loopback addresses standing for
 * the mirror and the public upstreams, so nothing leaves the machine.
 */

/** Loopback `host:port` of the demo mirror, and of the port standing for every public upstream. */
export interface DemoHosts {
  mirror: string;
  upstream: string;
}

export interface ReplayLine {
  node: string;
  /** Milliseconds after the replay starts. */
  offsetMs: number;
  text: string;
}

type Step =
  | { kind: 'mirror_not_found' }
  | { kind: 'host_failed'; host: string; cause: string }
  | { kind: 'success'; bytes: number; seconds: number }
  | { kind: 'failed'; error: string }
  | { kind: 'never_ends' };

interface DemoPull {
  node: string;
  atMs: number;
  image: string;
  steps: Step[];
}

const IMAGE_ID = (seed: number) => `sha256:${seed.toString(16).padStart(8, '0').repeat(8)}`;

/** Pulls of the demo: mostly mirror hits, two upstream leaks, and failures of several causes. */
export function demoPulls({ mirror, upstream }: DemoHosts): DemoPull[] {
  const hits: DemoPull[] = [
    ['node-a', 'docker.io/library/nginx:1.27.3', 0.42, 72_000_000],
    ['node-a', 'registry.k8s.io/pause:3.10', 0.11, 320_000],
    ['node-b', 'docker.io/library/redis:7.4.1', 0.83, 41_000_000],
    ['node-b', 'us-docker.pkg.dev/solo-public/agentgateway:2026.5.0', 1.9, 96_000_000],
    ['node-a', 'registry.k8s.io/kube-proxy:v1.34.2', 0.61, 30_100_000],
    ['node-b', 'docker.io/istio/proxyv2:1.25.0', 2.4, 110_000_000],
    ['node-a', 'docker.io/istio/proxyv2:1.25.0', 6.8, 110_000_000],
    ['node-b', 'registry.k8s.io/pause:3.10', 0.09, 320_000],
  ].map(([node, image, seconds, bytes], index) => ({
    node: node as string,
    atMs: 500 + index * 1700,
    image: image as string,
    steps: [{ kind: 'success', bytes: bytes as number, seconds: seconds as number }],
  }));

  return [
    ...hits,
    {
      node: 'node-a',
      atMs: 3_100,
      image: 'docker.io/bitnami/kubectl:1.31',
      steps: [{ kind: 'mirror_not_found' }, { kind: 'success', bytes: 58_000_000, seconds: 4.2 }],
    },
    {
      node: 'node-b',
      atMs: 7_300,
      image: 'us-docker.pkg.dev/solo-public/only-upstream:1.0',
      steps: [
        { kind: 'host_failed', host: mirror, cause: 'tls: failed to verify certificate: x509: certificate signed by unknown authority' },
        { kind: 'success', bytes: 12_000_000, seconds: 1.3 },
      ],
    },
    {
      node: 'node-a',
      atMs: 9_900,
      image: 'registry.k8s.io/nowhere:9.9',
      steps: [
        { kind: 'mirror_not_found' },
        { kind: 'host_failed', host: upstream, cause: `dial tcp ${upstream}: connect: connection refused` },
        { kind: 'failed', error: `dial tcp ${upstream}: connect: connection refused` },
      ],
    },
    {
      node: 'node-b',
      atMs: 11_400,
      image: 'docker.io/library/postgres:17.2',
      steps: [
        { kind: 'host_failed', host: mirror, cause: `dial tcp ${mirror}: i/o timeout` },
        { kind: 'host_failed', host: upstream, cause: `dial tcp ${upstream}: i/o timeout` },
        { kind: 'failed', error: `dial tcp ${upstream}: i/o timeout` },
      ],
    },
    {
      node: 'node-a',
      atMs: 13_000,
      image: 'docker.io/private/billing:2.3.0',
      steps: [{ kind: 'failed', error: 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed' }],
    },
    {
      node: 'node-b',
      atMs: 14_200,
      image: 'registry.k8s.io/etcd:3.5.16-0',
      steps: [{ kind: 'never_ends' }],
    },
  ];
}

/** Expands the demo pulls into log lines per node, ordered by time. */
export function demoReplay(startMs: number, hosts: DemoHosts): ReplayLine[] {
  const lines: ReplayLine[] = [];
  demoPulls(hosts).forEach((pull, index) => {
    let at = pull.atMs;
    const emit = (text: string, afterMs = 3) => {
      at += afterMs;
      lines.push({ node: pull.node, offsetMs: at, text: logfmt(startMs + at, text) });
    };
    emit(`level=info msg="PullImage \\"${pull.image}\\""`, 0);
    for (const step of pull.steps) {
      const ns = pull.image.split('/')[0]!;
      const repo = pull.image.slice(ns.length + 1).split(/[:@]/)[0]!;
      const tag = pull.image.split(':').at(-1)!;
      switch (step.kind) {
        case 'mirror_not_found':
          emit(`level=info msg="trying next host - response was http.StatusNotFound" host="${hosts.mirror}"`, 9);
          break;
        case 'host_failed':
          emit(
            `level=info msg="trying next host" error="failed to do request: Head \\"https://${step.host}/v2/${repo}/manifests/${tag}?ns=${ns}\\": ${step.cause}" host="${step.host}"`,
            30,
          );
          break;
        case 'success': {
          const id = IMAGE_ID(index + 1);
          emit(`level=info msg="ImageCreate event name:\\"${pull.image}\\" labels:{key:\\"io.cri-containerd.image\\" value:\\"managed\\"}"`, step.seconds * 1000 - 6);
          emit(`level=info msg="stop pulling image ${pull.image}: active requests=0, bytes read=${step.bytes}"`, 1);
          emit(
            `level=info msg="Pulled image \\"${pull.image}\\" with image id \\"${id}\\", repo tag \\"${pull.image}\\", repo digest \\"${ns}/${repo}@${id}\\", size \\"${step.bytes}\\" in ${step.seconds}s"`,
            1,
          );
          emit(`level=info msg="PullImage \\"${pull.image}\\" returns image reference \\"${id}\\""`, 1);
          break;
        }
        case 'failed':
          emit(
            `level=error msg="PullImage \\"${pull.image}\\" failed" error="failed to pull and unpack image \\"${pull.image}\\": failed to resolve reference \\"${pull.image}\\": ${step.error.replaceAll('"', '\\"')}"`,
            20,
          );
          break;
        case 'never_ends':
          break;
      }
    }
  });
  return lines.sort((a, b) => a.offsetMs - b.offsetMs);
}

function logfmt(epochMs: number, rest: string): string {
  const iso = new Date(epochMs).toISOString().replace('Z', '');
  return `time="${iso}${String(epochMs % 1).padEnd(6, '0').slice(0, 6)}Z" ${rest}`;
}
