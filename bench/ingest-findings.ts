import type { NodeFindings } from '../wire/findings.js';
import type { ProbeResult } from '../wire/findings/probes.js';

// Public registries an air-gapped node must not reach. They appear only as strings in
// report bodies: the bench never connects to them.
const PROBE_TARGETS = ['registry-1.docker.io', 'registry.k8s.io', 'quay.io', 'ghcr.io', 'gcr.io'] as const;
const PROXY_URL = 'http://proxy.cluster.internal:3128';
const DAY_MS = 86_400_000;

/**
 * Findings sections of one node, sized like a node with five probe targets, a certs.d of three
 * mirrors, three lint findings and two filesystems. One node in five probes through a proxy
 * too, and one in fifty shows an egress connection, so every exporter has series to write.
 */
export function nodeFindings(node: string, index: number, nowMs: number): NodeFindings {
  const checkedAt = new Date(nowMs).toISOString();

  const results: ProbeResult[] = [];
  const paths = index % 5 === 0 ? (['direct', 'proxy'] as const) : (['direct'] as const);
  for (const target of PROBE_TARGETS) {
    for (const path of paths) {
      results.push({
        target,
        path,
        ...(path === 'proxy' ? { proxy: PROXY_URL } : {}),
        outcome: 'timeout',
        reachable: false,
        detail: `connect ETIMEDOUT ${target}:443`,
        latestOutcome: 'timeout',
        streak: 12,
        durationSeconds: 5,
        checkedAt,
        confirmedSince: new Date(nowMs - DAY_MS).toISOString(),
      });
    }
  }

  const leaking = index % 50 === 0;
  const connections = leaking
    ? [{ remote: '198.51.100.7', port: 443, local: '10.0.0.5', localPort: 40000 + (index % 20000), state: 'ESTABLISHED' as const, family: 'ipv4' as const }]
    : [];

  const mirrors = ['mirror.cluster.internal:5000', 'harbor.cluster.internal', 'cache.cluster.internal:8443'];
  const certificates = mirrors.map((mirror, position) => ({
    source: position === 0 ? ('served' as const) : ('file' as const),
    pathOrHost: position === 0 ? mirror : `/etc/containerd/certs.d/${mirror}/ca.crt`,
    index: 0,
    subject: `CN=${mirror.replace(/:\d+$/, '')}`,
    issuer: 'CN=cluster internal CA',
    serial: (index * 3 + position).toString(16).padStart(16, '0'),
    notBefore: new Date(nowMs - 300 * DAY_MS).toISOString(),
    notAfter: new Date(nowMs + (65 + (index % 300)) * DAY_MS).toISOString(),
    fingerprint: Array.from({ length: 32 }, (_, byte) => ((byte * 31 + index + position) & 0xff).toString(16).padStart(2, '0').toUpperCase()).join(':'),
  }));

  return {
    probes: { results, problems: [] },
    egress: { connections, total: connections.length, malformedLines: 0, problems: [] },
    lint: {
      findings: [
        { file: '/etc/containerd/certs.d/docker.io/hosts.toml', line: 1, rule: 'server_public_with_mirrors', severity: 'warning', message: 'server is the public registry while mirrors are configured', fix: 'set server to the mirror' },
        { file: '/etc/containerd/certs.d/quay.io/hosts.toml', line: 4, rule: 'skip_verify', severity: 'warning', message: 'skip_verify disables TLS verification of the mirror', fix: 'add the mirror CA as ca and remove skip_verify' },
        { file: '/etc/containerd/config.toml', line: 12, rule: 'plain_http_mirror', severity: 'info', message: 'mirror is reached over plain HTTP', fix: 'serve the mirror over HTTPS' },
      ],
      omitted: 0,
    },
    certificates: { certificates, errors: [] },
    filesystems: {
      filesystems: [
        { path: '/var/lib/containerd', role: 'node', sizeBytes: 100e9, usedBytes: 40e9 + index * 1e6, availBytes: 55e9, usedRatio: (40e9 + index * 1e6) / (95e9 + index * 1e6) },
        { path: '/var/lib/kubelet', role: 'node', sizeBytes: 50e9, usedBytes: 5e9, availBytes: 42e9, usedRatio: 5 / 47 },
      ],
      errors: [],
    },
  };
}
