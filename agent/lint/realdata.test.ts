import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintNode } from './lint.js';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/lint/realdata');

const V2_CONFIG = 'version = 2\n[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "/etc/containerd/certs.d"\n';

/** Where a fixture goes in the temporary node root, and what is prepended to it. */
interface Placement {
  path: string;
  prefix?: string;
  mode?: number;
}

interface RealdataCase {
  name: string;
  fixture: string;
  placements: Placement[];
  /** Extra files (path → text) completing the layout the fixture header describes. */
  extra: Record<string, string>;
  directories?: string[];
  expected: string[];
}

const hostsCase = (name: string, prefix: string, dirs: string[], expected: string[]): RealdataCase => ({
  name,
  fixture: prefix,
  placements: dirs.map((dir) => ({ path: `etc/containerd/certs.d/${dir}/hosts.toml` })),
  extra: { 'etc/containerd/config.toml': V2_CONFIG },
  expected,
});

const cases: RealdataCase[] = [
  {
    name: 'k0s drop-in config_path',
    fixture: '40-',
    placements: [{ path: 'etc/k0s/containerd.d/registry.toml' }],
    extra: { 'etc/containerd/config.toml': 'version = 2\nimports = ["/etc/k0s/containerd.d/*.toml"]\n' },
    directories: ['etc/k0s/certs.d/_default', 'etc/k0s/certs.d/docker.io', 'etc/k0s/certs.d/registry.home.lab'],
    expected: [],
  },
  hostsCase('override_path without path', '41-', ['registry.home.lab'], [
    'override_path_mismatch',
    'server_is_mirror',
    'skip_verify',
  ]),
  hostsCase('docker.io wrong upstream', '42-', ['docker.io'], [
    'docker_hub_wrong_server',
    'override_path_mismatch',
    'server_public_with_mirrors',
    'skip_verify',
  ]),
  hostsCase('docker.io skip_verify mirror', '44-', ['docker.io'], ['server_public_with_mirrors', 'skip_verify']),
  hostsCase('port dirname without host', '45-', ['my-registry:2524'], ['cert_file_missing', 'no_mirror_host']),
  hostsCase('k3s generated v2 suffix', '47-', ['docker.io'], ['server_public_with_mirrors']),
  {
    name: 'k3s v1 legacy mirrors',
    fixture: '48-',
    placements: [{ path: 'etc/containerd/config.toml' }],
    extra: {},
    expected: ['legacy_mirrors', 'skip_verify'],
  },
  hostsCase('harbor project path', '50-', ['docker.io'], [
    'docker_hub_wrong_server',
    'override_path_mismatch',
    'server_public_with_mirrors',
  ]),
  {
    name: 'mirrors with empty config_path',
    fixture: '51-',
    placements: [{ path: 'etc/containerd/config.toml', prefix: 'version = 2\n' }],
    extra: {},
    expected: ['legacy_mirrors', 'mirrors_with_config_path'],
  },
  {
    name: 'misplaced TLS keys with auth',
    fixture: '53-',
    placements: [{ path: 'etc/containerd/config.toml', prefix: 'version = 2\n', mode: 0o644 }],
    extra: {},
    expected: [
      'auth_file_permissions',
      'legacy_mirror_unknown_key',
      'legacy_mirrors',
      'mirrors_with_config_path',
      'skip_verify',
    ],
  },
  {
    name: 'rke2 endpoint key typo',
    fixture: '55-',
    placements: [{ path: 'etc/rancher/rke2/registries.yaml' }],
    extra: { 'etc/containerd/config.toml': V2_CONFIG },
    directories: ['etc/containerd/certs.d'],
    expected: ['plain_http_mirror', 'registries_yaml_unknown_key'],
  },
  {
    name: 'v2 section in v3 config',
    fixture: '57-',
    placements: [{ path: 'etc/containerd/config.toml', prefix: 'version = 3\n' }],
    extra: {},
    expected: ['config_path_missing', 'registry_wrong_section', 'transfer_service_bypass'],
  },
  hostsCase('server is the mirror', '58-', ['docker.io', 'registry-1.docker.io'], [
    'dir_name_unmatchable',
    'server_is_mirror',
  ]),
];

describe('lint on real configs', () => {
  let root: string | null = null;

  afterEach(async () => {
    if (root) {
      await rm(root, { recursive: true, force: true });
      root = null;
    }
  });

  it.each(cases)('realdata $name', async (testCase) => {
    root = await mkdtemp(join(tmpdir(), 'gapwatch-lint-'));
    const { readdir } = await import('node:fs/promises');
    const fixtureName = (await readdir(FIXTURES)).find((name) => name.startsWith(testCase.fixture));
    expect(fixtureName, `fixture ${testCase.fixture}`).toBeDefined();
    const text = await readFile(join(FIXTURES, fixtureName!), 'utf8');

    for (const placement of testCase.placements) {
      await place(root, placement.path, (placement.prefix ?? '') + text, placement.mode);
    }
    for (const [path, extraText] of Object.entries(testCase.extra)) {
      await place(root, path, extraText, 0o600);
    }
    for (const directory of testCase.directories ?? []) {
      await mkdir(join(root, directory), { recursive: true });
    }

    const findings = await lintNode({
      root,
      configFile: null,
      certsDir: null,
      registriesYaml: null,
      nowMs: Date.parse('2026-01-01T00:00:00Z'),
      expiryWarningDays: 30,
    });

    const rules = [...new Set(findings.map((finding) => finding.rule))].sort();
    expect(rules).toEqual(testCase.expected);
  });
});

async function place(root: string, path: string, text: string, mode = 0o600): Promise<void> {
  const target = join(root, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text);
  await chmod(target, mode);
}
