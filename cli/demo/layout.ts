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
