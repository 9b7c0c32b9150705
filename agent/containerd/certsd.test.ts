import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { CertsDir } from './certsd.js';
import { parseHostsToml } from './hosts-toml.js';

describe('parseHostsToml', () => {
  it('keeps mirror order', () => {
    const result = parseHostsToml('server = "https://up"\n[host."https://b:5000"]\n[host."http://a"]\n', 'example.io');
    expect(result.ok && result.hosts.map((host) => host.host)).toEqual(['b:5000', 'a', 'up']);
  });

  it('defaults docker.io server', () => {
    const result = parseHostsToml('[host."https://mirror"]\n', 'docker.io');
    expect(result.ok).toBe(true);
    expect(result.ok ? result.hosts[1] : undefined).toEqual({ host: 'registry-1.docker.io', url: 'https://registry-1.docker.io', role: 'upstream', capabilities: ['pull', 'resolve', 'push'] });
  });

  it('defaults mirror capabilities', () => {
    const result = parseHostsToml('[host."https://mirror"]\n', 'docker.io');
    expect(result).toMatchObject({ ok: true });
    expect(result.ok ? result.hosts[0]?.capabilities : undefined).toEqual(['pull', 'resolve']);
  });

  it('reads k3s empty host table', () => {
    const text = 'server = "https://registry-1.docker.io/v2"\ncapabilities = ["pull", "resolve", "push"]\n[host]\n[host."https://mirror.example/v2"]\n  capabilities = ["pull"]\n';
    const result = parseHostsToml(text, 'docker.io');
    expect(result.ok && result.hosts.map((host) => `${host.role} ${host.host} ${host.capabilities.join('+')}`)).toEqual([
      'mirror mirror.example pull',
      'upstream registry-1.docker.io pull+resolve+push',
    ]);
  });

  it('drops duplicate tables', () => {
    expect(parseHostsToml('[host."https://a"]\n[host."https://a"]\n', 'x.io').ok).toBe(false);
  });

  it('rejects unknown capabilities', () => {
    expect(parseHostsToml('[host."https://a"]\ncapabilities = ["fly"]\n', 'x.io').ok).toBe(false);
  });
});

describe('CertsDir', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gapwatch-certsd-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(namespace: string, text: string): string {
    mkdirSync(join(dir, namespace), { recursive: true });
    const file = join(dir, namespace, 'hosts.toml');
    writeFileSync(file, text);
    return file;
  }

  it('reads port in directory', () => {
    write('registry.example:5000', '[host."https://127.0.0.1:5443"]\n');
    const hosts = new CertsDir(dir).resolve('registry.example:5000');
    expect(hosts.hosts.map((host) => host.host)).toEqual(['127.0.0.1:5443', 'registry.example:5000']);
  });

  it('falls back to _default', () => {
    write('_default', '[host."https://127.0.0.1:5443"]\n');
    const hosts = new CertsDir(dir).resolve('quay.io');
    expect(hosts.source).toBe('default');
    expect(hosts.hosts.map((host) => host.host)).toEqual(['127.0.0.1:5443', 'quay.io']);
  });

  it('goes direct without file', () => {
    const hosts = new CertsDir(dir).resolve('docker.io');
    expect(hosts.source).toBe('none');
    expect(hosts.hosts.map((host) => host.host)).toEqual(['registry-1.docker.io']);
  });

  it('re-reads a changed file', () => {
    const clock = new FakeClock();
    const file = write('docker.io', '[host."https://127.0.0.1:5443"]\n');
    const certs = new CertsDir(dir, { clock });
    certs.resolve('docker.io');
    writeFileSync(file, '[host."https://127.0.0.1:5499"]\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    clock.advance(1000);
    expect(certs.resolve('docker.io').hosts[0]?.host).toBe('127.0.0.1:5499');
  });

  it('stats once per second', () => {
    const clock = new FakeClock();
    const file = write('docker.io', '[host."https://127.0.0.1:5443"]\n');
    const certs = new CertsDir(dir, { clock });
    certs.resolve('docker.io');
    writeFileSync(file, '[host."https://127.0.0.1:5499"]\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    clock.advance(999);
    expect(certs.resolve('docker.io').hosts[0]?.host).toBe('127.0.0.1:5443');
  });

  it('sees a new file after a second', () => {
    const clock = new FakeClock();
    const certs = new CertsDir(dir, { clock });
    certs.resolve('docker.io');
    write('docker.io', '[host."https://127.0.0.1:5443"]\n');
    clock.advance(1000);
    expect(certs.resolve('docker.io').source).toBe('directory');
  });

  it('treats broken file as absent', () => {
    write('docker.io', '[host."https://a"]\n[host."https://a"]\n');
    expect(new CertsDir(dir).resolve('docker.io').hosts.map((host) => host.host)).toEqual(['registry-1.docker.io']);
  });

  it('rejects a missing directory', () => {
    expect(() => new CertsDir(join(dir, 'nope')).assertReadable()).toThrow(/GW_CERTSD_UNREADABLE|cannot read certs.d/);
  });
});

describe('CertsDir with hostile files', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-certsd-hostile-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('skips a FIFO hosts.toml', () => {
    mkdirSync(join(dir, 'example.io'));
    execFileSync('mkfifo', [join(dir, 'example.io', 'hosts.toml')]);
    expect(new CertsDir(dir).resolve('example.io').source).toBe('none');
  });
});

