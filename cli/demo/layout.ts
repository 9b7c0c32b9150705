import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoPki } from './pki.js';
import type { DemoHosts } from './scenario.js';

export const DEMO_NODES = ['node-a', 'node-b'] as const;

/**
 * Writes the certs.d every demo node shares. Each namespace sends pulls to the loopback mirror
 * first and falls back to a loopback port that stands for the public upstream. Two mistakes
 * are left in on purpose for lint to find: registry.k8s.io skips TLS verification, and
 * docker.io's `server` is not registry-1.docker.io.
 */
export function writeCertsDir(directory: string, hosts: DemoHosts, pki: DemoPki): void {
  const namespaces: Record<string, string> = {
    'docker.io': [
      `server = "https://${hosts.upstream}"`,
      '',
      `[host."https://${hosts.mirror}"]`,
      '  capabilities = ["pull", "resolve"]',
      `  ca = "${pki.caCert}"`,
    ].join('\n'),
    'registry.k8s.io': [
      `server = "https://${hosts.upstream}"`,
      '',
      `[host."https://${hosts.mirror}"]`,
      '  capabilities = ["pull", "resolve"]',
      '  skip_verify = true',
    ].join('\n'),
    'us-docker.pkg.dev': [
      `server = "https://${hosts.upstream}"`,
      '',
      `[host."https://${hosts.mirror}"]`,
      '  capabilities = ["pull", "resolve"]',
      `  ca = "${pki.caCert}"`,
    ].join('\n'),
  };
  for (const [namespace, text] of Object.entries(namespaces)) {
    mkdirSync(join(directory, namespace), { recursive: true });
    writeFileSync(join(directory, namespace, 'hosts.toml'), `${text}\n`);
  }
}

/** Writes a containerd 1.7 config.toml that points the CRI plugin at the demo certs.d. */
export function writeContainerdConfig(directory: string, certsDir: string): string {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'config.toml');
  writeFileSync(
    file,
    ['version = 2', '', '[plugins."io.containerd.grpc.v1.cri".registry]', `  config_path = "${certsDir}"`, ''].join('\n'),
  );
  return file;
}

const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

/**
 * Writes a /proc/net/tcp snapshot for a demo node, so the egress watch reads a known table
 * instead of this machine's. node-b holds one established connection to 203.0.113.10:443, a
 * documentation address (RFC 5737) that stands for a public registry; nothing connects to it.
 */
export function writeProcNet(directory: string, node: string): string {
  const rows = [
    // 127.0.0.1:9410 listening, and an agent connection to it.
    '   0: 0100007F:24C2 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31001 1 0000000000000000 100 0 0 10 0',
    '   1: 0100007F:B5A2 0100007F:24C2 01 00000000:00000000 00:00000000 00000000     0        0 31002 1 0000000000000000 20 4 30 10 -1',
  ];
  if (node === 'node-b') {
    // 192.0.2.2:53350 -> 203.0.113.10:443, ESTABLISHED; addresses are little-endian hex.
    rows.push('   2: 020200C0:D066 0A7100CB:01BB 01 00000000:00000000 00:00000000 00000000     0        0 31003 1 0000000000000000 20 4 30 10 -1');
  }
  const root = join(directory, 'proc');
  mkdirSync(join(root, 'net'), { recursive: true });
  writeFileSync(join(root, 'net', 'tcp'), `${TCP_HEADER}\n${rows.join('\n')}\n`);
  writeFileSync(join(root, 'net', 'tcp6'), `${TCP_HEADER}\n`);
  return root;
}
