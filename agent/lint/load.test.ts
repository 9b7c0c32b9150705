import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHostsFiles } from './load.js';

describe('loadHostsFiles with hostile certs.d', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-lint-load-'));
    const namespaces = ['loop.io', 'dir.io', 'fifo.io', 'huge.io', 'good.io'];
    namespaces.forEach((namespace) => mkdirSync(join(dir, namespace)));
    symlinkSync('b', join(dir, 'loop.io', 'a'));
    symlinkSync('a', join(dir, 'loop.io', 'b'));
    symlinkSync('a', join(dir, 'loop.io', 'hosts.toml'));
    mkdirSync(join(dir, 'dir.io', 'hosts.toml'));
    execFileSync('mkfifo', [join(dir, 'fifo.io', 'hosts.toml')]);
    writeFileSync(join(dir, 'huge.io', 'hosts.toml'), `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    writeFileSync(join(dir, 'good.io', 'hosts.toml'), 'server = "https://good.io"\n');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const CASES = [
    ['loop.io', 'ELOOP'],
    ['dir.io', 'not a regular file'],
    ['fifo.io', 'not a regular file'],
    ['huge.io', 'larger than'],
  ] as const;

  it.each(CASES)('reports unreadable %s', async (namespace, reason) => {
    const { hostsFiles } = await loadHostsFiles(dir);
    const document = hostsFiles.find((file) => file.namespace === namespace)?.document;
    expect(document?.syntaxError?.message).toContain(reason);
  });

  it('keeps readable neighbour files', async () => {
    const { hostsFiles } = await loadHostsFiles(dir);
    expect(hostsFiles.find((file) => file.namespace === 'good.io')?.document.data).toEqual({ server: 'https://good.io' });
  });
});
