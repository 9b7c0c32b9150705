import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintNode } from './lint.js';

const V2 = 'version = 2\n[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "/etc/containerd/certs.d"\n';
const V3 = 'version = 3\n[plugins."io.containerd.cri.v1.images"]\n  use_local_image_pull = true\n[plugins."io.containerd.cri.v1.images".registry]\n  config_path = "/etc/containerd/certs.d"\n';
const GOOD_HOSTS = 'server = "https://registry.internal"\n[host."https://mirror.internal"]\n  capabilities = ["pull", "resolve"]\n';

interface RuleCase {
  name: string;
  files: Record<string, string>;
  expected: Array<[rule: string, line: number]>;
}

const hosts = (dir: string, text: string) => ({ [`etc/containerd/certs.d/${dir}/hosts.toml`]: text });

const cases: RuleCase[] = [
  { name: 'clean v2 tree', files: { 'etc/containerd/config.toml': V2, ...hosts('registry.internal', GOOD_HOSTS) }, expected: [] },
  { name: 'clean v3 tree', files: { 'etc/containerd/config.toml': V3, ...hosts('registry.internal', GOOD_HOSTS) }, expected: [] },
  {
    name: 'duplicate host table',
    files: { 'etc/containerd/config.toml': V2, ...hosts('registry.internal', `${GOOD_HOSTS}[host."https://mirror.internal"]\n  skip_verify = true\n`) },
    expected: [['toml_duplicate_table', 4]],
  },
  {
    name: 'broken hosts TOML',
    files: { 'etc/containerd/config.toml': V2, ...hosts('registry.internal', 'server = "https://registry.internal\n') },
    expected: [['toml_invalid', 1]],
  },
  {
    name: 'mirror without resolve',
    files: { 'etc/containerd/config.toml': V2, ...hosts('registry.internal', 'server = "https://registry.internal"\n[host."https://mirror.internal"]\n  capabilities = ["pull"]\n') },
    expected: [['host_without_resolve', 2]],
  },
  {
    name: 'plain http mirror',
    files: { 'etc/containerd/config.toml': V2, ...hosts('registry.internal', 'server = "https://registry.internal"\n[host."http://mirror.internal"]\n') },
    expected: [['plain_http_mirror', 2]],
  },
  {
    name: 'dotless directory name',
    files: { 'etc/containerd/config.toml': V2, ...hosts('myregistry', GOOD_HOSTS) },
    expected: [['dir_name_unmatchable', 1]],
  },
  {
    name: 'scheme in directory name',
    files: { 'etc/containerd/config.toml': V2, ...hosts('https:registry.internal', GOOD_HOSTS) },
    expected: [['dir_name_unmatchable', 1]],
  },
  {
    name: 'import matching nothing',
    files: { 'etc/containerd/config.toml': `imports = ["/etc/containerd/conf.d/*.toml"]\n${V2}`, ...hosts('registry.internal', GOOD_HOSTS) },
    expected: [['import_missing', 1]],
  },
  {
    name: 'config_path to absent directory',
    files: { 'etc/containerd/config.toml': V2.replace('/etc/containerd/certs.d', '/etc/k0s/certs.d') },
    expected: [['certs_dir_missing', 1]],
  },
  { name: 'no config file', files: hosts('registry.internal', GOOD_HOSTS), expected: [['config_missing', 1]] },
  {
    name: 'v3 without local pull',
    files: { 'etc/containerd/config.toml': 'version = 3\n[plugins."io.containerd.cri.v1.images".registry]\n  config_path = "/etc/containerd/certs.d"\n', ...hosts('registry.internal', GOOD_HOSTS) },
    expected: [['transfer_service_bypass', 1]],
  },
  {
    name: 'v3 section in v2 config',
    files: { 'etc/containerd/config.toml': V3.replace('version = 3', 'version = 2'), ...hosts('registry.internal', GOOD_HOSTS) },
    expected: [['config_path_missing', 1], ['registry_wrong_section', 5]],
  },
  {
    name: 'broken registries.yaml',
    files: { 'etc/containerd/config.toml': V2, ...hosts('registry.internal', GOOD_HOSTS), 'etc/rancher/k3s/registries.yaml': 'mirrors:\n  docker.io: [\n' },
    expected: [['registries_yaml_invalid', 3]],
  },
];

describe('lint rules on literal trees', () => {
  let root: string | null = null;

  afterEach(() => {
    if (root) {
      rmSync(root, { recursive: true, force: true });
      root = null;
    }
  });

  it.each(cases)('rules for $name', async ({ files, expected }) => {
    root = mkdtempSync(join(tmpdir(), 'gapwatch-rules-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text, { mode: 0o600 });
    }

    const findings = await lintNode({ root, configFile: null, certsDir: null, registriesYaml: null, nowMs: Date.now(), expiryWarningDays: 30 });

    expect(findings.map((finding) => [finding.rule, finding.line])).toEqual(expected);
  });
});
