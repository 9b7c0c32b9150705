import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ProbeResult } from '../../wire/findings/probes.js';
import { createCa, issueServerCert } from '../lab/ca.js';
import { cliPath } from '../lab/gapwatch.js';
import { createNetns, NETNS_BINARIES, type Netns } from '../lab/netns.js';
import { ProcessRegistry } from '../lab/processes.js';
import { requireLab } from '../lab/require.js';

// Inside the namespace: a registry on 127.0.0.1:443 answering /v2/ with 401 (trusted CA), one on
// 127.0.0.2:443 with a certificate from a CA the probe does not trust, nothing on 127.0.0.3,
// a DROP on 127.0.0.7, an ICMP host-unreachable REJECT on 127.0.0.9, and a CONNECT proxy.
const HOSTS = [
  ['127.0.0.1', 'registry-1.docker.io'],
  ['127.0.0.2', 'quay.io'],
  ['127.0.0.3', 'ghcr.io'],
  ['127.0.0.7', 'gcr.io'],
  ['127.0.0.9', 'public.ecr.aws'],
] as const;

const EXPECTED_DIRECT: Record<string, ProbeResult['outcome']> = {
  'registry-1.docker.io': 'reachable',
  'quay.io': 'tls',
  'ghcr.io': 'refused',
  'gcr.io': 'timeout',
  'public.ecr.aws': 'unreachable',
  'registry.k8s.io': 'nxdomain',
};

// ghcr.io is in NO_PROXY, so it has no proxy path; the proxy cannot resolve registry.k8s.io.
const EXPECTED_PROXY: Record<string, ProbeResult['outcome']> = {
  'registry-1.docker.io': 'reachable',
  'quay.io': 'tls',
  'gcr.io': 'timeout',
  'public.ecr.aws': 'denied',
  'registry.k8s.io': 'denied',
};

const REGISTRY_SCRIPT = `
const https = require('node:https');
const fs = require('node:fs');
const [cert, key, address] = process.argv.slice(2);
https.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, (req, res) => {
  res.writeHead(req.url === '/v2/' ? 401 : 404, { 'www-authenticate': 'Bearer realm="https://auth.invalid/token"' });
  res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
}).listen(443, address, () => console.log('listening ' + address));
`;

const PROXY_SCRIPT = `
const http = require('node:http');
const net = require('node:net');
const proxy = http.createServer((req, res) => { res.writeHead(405); res.end(); });
proxy.on('connect', (req, client) => {
  const [host, port] = req.url.split(':');
  const upstream = net.connect(Number(port), host, () => {
    client.write('HTTP/1.1 200 Connection Established\\r\\n\\r\\n');
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', (err) => client.end('HTTP/1.1 502 Bad Gateway\\r\\nX-Error: ' + err.code + '\\r\\n\\r\\n'));
  client.on('error', () => upstream.destroy());
});
proxy.listen(3128, '127.0.0.1', () => console.log('listening proxy'));
`;

const skipReason = requireLab(NETNS_BINARIES);

describe.skipIf(skipReason !== null)('leak probes in a network namespace', () => {
  const processes = new ProcessRegistry();
  let netns: Netns | undefined;
  let dir: string;
  let configFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gw-probe-'));
    const trusted = await createCa(dir, 'trusted');
    const untrusted = await createCa(dir, 'untrusted');
    const dockerCert = await issueServerCert(trusted, { name: 'docker', dnsNames: ['registry-1.docker.io'], ipAddresses: ['127.0.0.1'] });
    const quayCert = await issueServerCert(untrusted, { name: 'quay', dnsNames: ['quay.io'], ipAddresses: ['127.0.0.2'] });

    await writeFile(join(dir, 'registry.cjs'), REGISTRY_SCRIPT);
    await writeFile(join(dir, 'proxy.cjs'), PROXY_SCRIPT);
    const dropIns = join(dir, 'systemd', 'containerd.service.d');
    await mkdir(dropIns, { recursive: true });
    await writeFile(join(dropIns, 'http-proxy.conf'), '[Service]\nEnvironment="HTTPS_PROXY=http://127.0.0.1:3128" "NO_PROXY=ghcr.io,localhost"\n');

    configFile = join(dir, 'probes.yaml');
    await writeFile(
      configFile,
      stringify({
        targets: [...HOSTS.map(([, host]) => host), 'registry.k8s.io'],
        probeCertsDirUpstreams: false,
        // Long enough for a TLS handshake on a loaded machine, short enough for the DROP case.
        timeoutSeconds: 3,
        confirmations: 2,
        caFiles: [trusted.cert],
        proxy: { detect: true, systemdDirs: [join(dir, 'systemd')] },
      }),
    );

    netns = await createNetns({ prefix: 'gw-probe', hosts: HOSTS });
    for (const rule of [
      ['-A', 'OUTPUT', '-d', '127.0.0.7', '-j', 'DROP'],
      ['-A', 'OUTPUT', '-d', '127.0.0.9', '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'icmp-host-unreachable'],
    ]) {
      const added = await netns.run('iptables', rule);
      expect(added.code, added.stderr).toBe(0);
    }

    const docker = netns.spawn('registry docker', 'node', [join(dir, 'registry.cjs'), dockerCert.cert, dockerCert.key, '127.0.0.1'], processes);
    const quay = netns.spawn('registry quay', 'node', [join(dir, 'registry.cjs'), quayCert.cert, quayCert.key, '127.0.0.2'], processes);
    const proxy = netns.spawn('proxy', 'node', [join(dir, 'proxy.cjs')], processes);
    await Promise.all([docker, quay, proxy].map((server) => server.waitForOutput(/listening/, 15_000)));
  });

  afterAll(async () => {
    await processes.stopAll();
    await netns?.remove();
    await rm(dir, { recursive: true, force: true });
  });

  async function probe(args: string[]): Promise<{ code: number; results: ProbeResult[]; stderr: string }> {
    const run = await (netns as Netns).run('node', [cliPath(), 'probe', '--config', configFile, '--json', ...args]);
    const parsed = run.stdout === '' ? { results: [] } : (JSON.parse(run.stdout) as { results: ProbeResult[] });
    return { code: run.code, results: parsed.results, stderr: run.stderr };
  }

  it('classifies every direct path', async () => {
    const { results } = await probe([]);
    const direct = results.filter((result) => result.path === 'direct');
    expect(direct.map((result) => result.target).sort()).toEqual(Object.keys(EXPECTED_DIRECT).sort());
    for (const result of direct) {
      expect(`${result.target} ${result.outcome}`, result.detail).toBe(`${result.target} ${EXPECTED_DIRECT[result.target]}`);
    }
  });

  it('classifies every proxy path', async () => {
    const { results } = await probe([]);
    const proxied = results.filter((result) => result.path === 'proxy');
    expect(proxied.map((result) => result.target).sort()).toEqual(Object.keys(EXPECTED_PROXY).sort());
    for (const result of proxied) {
      expect(`${result.target} ${result.outcome}`, result.detail).toBe(`${result.target} ${EXPECTED_PROXY[result.target]}`);
    }
  });

  it('labels proxy without credentials', async () => {
    const { results } = await probe(['quay.io']);
    expect(results.find((result) => result.path === 'proxy')?.proxy).toBe('http://127.0.0.1:3128');
  });

  it('exits 2 on a leak', async () => {
    const { code } = await probe(['registry-1.docker.io']);
    expect(code).toBe(2);
  });

  it('exits 2 when TLS fails', async () => {
    const { code } = await probe(['quay.io']);
    expect(code).toBe(2);
  });

  it('exits 0 when all blocked', async () => {
    const { code, stderr } = await probe(['ghcr.io', 'registry.k8s.io']);
    expect(code, stderr).toBe(0);
  });

  it('exits 3 on bad target', async () => {
    const { code, stderr } = await probe(['not a host']);
    expect(code).toBe(3);
    expect(stderr).toContain('GW_PROBE_TARGET_INVALID');
  });

  it('exits 3 on bad timeout', async () => {
    const { code } = await probe(['--timeout', 'soon', 'ghcr.io']);
    expect(code).toBe(3);
  });
});
