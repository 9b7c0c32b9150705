import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCertsDirUpstreams, upstreamFromHostsToml } from './certsd-upstreams.js';

const ignore = () => undefined;

describe('upstreamFromHostsToml', () => {
  it.each<[string, string, string | null]>([
    ['server with port', 'server = "https://registry.example:5000"\n', 'registry.example:5000'],
    ['server default port', 'server = "https://registry-1.docker.io"\n[host."https://127.0.0.1:5000"]\n', 'registry-1.docker.io'],
    ['no server uses directory', '[host."https://127.0.0.1:5000"]\ncapabilities = ["pull"]\n', 'quay.io'],
    ['broken toml skipped', 'server = \n', null],
    ['server not url skipped', 'server = "not a url"\n', null],
  ])('%s', (_name, text, expected) => {
    expect(upstreamFromHostsToml(text, 'quay.io', 'hosts.toml', ignore)).toBe(expected);
  });

  it('maps docker.io to registry-1', () => {
    expect(upstreamFromHostsToml('', 'docker.io', 'hosts.toml', ignore)).toBe('registry-1.docker.io');
  });
});

describe('readCertsDirUpstreams', () => {
  const root = mkdtempSync(join(tmpdir(), 'gw-certsd-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists upstreams and skips _default', () => {
    for (const [dir, text] of [
      ['_default', 'server = "https://default.example"\n'],
      ['ghcr.io', 'server = "https://ghcr.io"\n'],
      ['registry.example:5000', ''],
    ] as const) {
      mkdirSync(join(root, dir));
      writeFileSync(join(root, dir, 'hosts.toml'), text);
    }
    mkdirSync(join(root, 'quay.io'));

    expect(readCertsDirUpstreams(root, ignore)).toEqual(['ghcr.io', 'quay.io', 'registry.example:5000']);
  });

  it('reports missing certs.d as problem', () => {
    const problems: string[] = [];
    expect(readCertsDirUpstreams(join(root, 'absent'), ignore, problems)).toEqual([]);
    expect(problems).toHaveLength(1);
  });
});
