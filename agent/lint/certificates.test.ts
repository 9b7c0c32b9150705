import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeExpiredCa } from '../../test/fixtures/lint/openssl.js';
import { lintNode } from './lint.js';

const CONFIG = 'version = 2\n[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "/etc/containerd/certs.d"\n';

describe('lint of ca and client files', () => {
  let root: string;
  let pki: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'gapwatch-lint-certs-'));
    pki = join(root, 'etc/pki');
    mkdirSync(pki, { recursive: true });
    makeCa(pki, 'valid', 365);
    makeCa(pki, 'expiring', 5);
    makeExpiredCa(pki, 'expired');
    writeFileSync(join(pki, 'bundle.pem'), readFileSync(join(pki, 'valid.pem'), 'utf8') + readFileSync(join(pki, 'expiring.pem'), 'utf8'));
    copyFileSync(join(pki, 'valid.key'), join(pki, 'key-not-cert.pem'));
    mkdirSync(join(root, 'etc/containerd'), { recursive: true });
    writeFileSync(join(root, 'etc/containerd/config.toml'), CONFIG, { mode: 0o600 });
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const cases = [
    { name: 'valid CA', ca: '/etc/pki/valid.pem', expected: [] },
    { name: 'CA expiring soon', ca: '/etc/pki/expiring.pem', expected: ['cert_expiring'] },
    { name: 'expired CA', ca: '/etc/pki/expired.pem', expected: ['cert_expired'] },
    { name: 'bundle with expiring member', ca: '/etc/pki/bundle.pem', expected: ['cert_expiring'] },
    { name: 'key instead of certificate', ca: '/etc/pki/key-not-cert.pem', expected: ['cert_file_invalid'] },
    { name: 'missing CA file', ca: '/etc/pki/absent.pem', expected: ['cert_file_missing'] },
    { name: 'directory as CA file', ca: '/etc/pki', expected: ['cert_file_unreadable'] },
  ];

  it.each(cases)('certs.d with $name', async ({ name, ca, expected }) => {
    const certsDir = join(root, 'etc/containerd/certs.d', `${name.replaceAll(' ', '-')}.example`);
    mkdirSync(certsDir, { recursive: true });
    writeFileSync(
      join(certsDir, 'hosts.toml'),
      `server = "https://mirror.internal"\n\n[host."https://mirror.internal:5000"]\n  capabilities = ["pull", "resolve"]\n  ca = "${ca}"\n`,
    );

    const findings = await lintNode({ root, configFile: null, certsDir: null, registriesYaml: null, nowMs: Date.now(), expiryWarningDays: 30 });
    const forThisDir = findings.filter((finding) => finding.file.startsWith(certsDir));
    rmSync(certsDir, { recursive: true });

    expect([...new Set(forThisDir.map((finding) => finding.rule))].sort()).toEqual(expected);
    for (const finding of forThisDir) {
      expect(finding.line).toBe(5);
    }
  });

  it('warning threshold is configurable', async () => {
    const certsDir = join(root, 'etc/containerd/certs.d/threshold.example');
    mkdirSync(certsDir, { recursive: true });
    writeFileSync(join(certsDir, 'hosts.toml'), `[host."https://mirror.internal"]\n  ca = "/etc/pki/expiring.pem"\n`);

    const findings = await lintNode({ root, configFile: null, certsDir: null, registriesYaml: null, nowMs: Date.now(), expiryWarningDays: 2 });
    rmSync(certsDir, { recursive: true });

    expect(findings.filter((finding) => finding.rule === 'cert_expiring')).toEqual([]);
  });
});
