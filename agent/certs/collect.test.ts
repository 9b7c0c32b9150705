import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { makeCa, makeServerCert, type KeyPair } from '../../test/fixtures/lint/openssl.js';
import { collectCertificates } from './collect.js';
import { splitPemCertificates } from './pem.js';

describe('certificate collection', () => {
  let dir: string;
  let ca: KeyPair;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gapwatch-certs-'));
    ca = makeCa(dir, 'mirror-ca', 90);
    const leaf = makeServerCert(dir, 'mirror', ca, 20);

    // The server sends leaf and CA, as a mirror configured with a full chain file does.
    const chain = readFileSync(leaf.cert, 'utf8') + readFileSync(ca.cert, 'utf8');
    server = createServer({ cert: chain, key: readFileSync(leaf.key) }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;

    const certsDir = join(dir, 'certs.d/registry.internal');
    mkdirSync(certsDir, { recursive: true });
    writeFileSync(
      join(certsDir, 'hosts.toml'),
      `server = "https://registry.internal"\n[host."https://127.0.0.1:${port}"]\n  capabilities = ["pull", "resolve"]\n  ca = "${ca.cert}"\n`,
    );
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const collect = (servedChains: boolean, extraPaths: string[] = []) =>
    collectCertificates(
      { certsDir: join(dir, 'certs.d'), extraPaths, servedChains, handshakeTimeoutMs: 5000, root: '/' },
      new FakeClock(),
    );

  it('reads CA file from hosts.toml', async () => {
    const section = await collect(false);

    expect(section.certificates).toHaveLength(1);
    expect(section.certificates[0]?.source).toBe('file');
    expect(section.certificates[0]?.pathOrHost).toBe(ca.cert);
    expect(section.certificates[0]?.subject).toBe('CN=mirror-ca');
    expect(section.errors).toEqual([]);
  });

  it('reads chain served by mirror', async () => {
    const section = await collect(true);
    const served = section.certificates.filter((record) => record.source === 'served');

    expect(served.map((record) => record.subject)).toEqual(['CN=mirror', 'CN=mirror-ca']);
    expect(served[0]?.pathOrHost).toBe(`127.0.0.1:${port}`);
    expect(served[0]?.issuer).toBe('CN=mirror-ca');
    expect(Date.parse(served[0]!.notAfter)).toBeLessThan(Date.parse(served[1]!.notAfter));
  });

  it('records closed mirror port as error', async () => {
    const closed = join(dir, 'certs.d/closed.internal');
    mkdirSync(closed, { recursive: true });
    // Port 1 on loopback is closed on a test machine, so the handshake is refused.
    writeFileSync(join(closed, 'hosts.toml'), '[host."https://127.0.0.1:1"]\n');
    const section = await collect(true);
    rmSync(closed, { recursive: true });

    expect(section.errors.map((error) => error.pathOrHost)).toEqual(['127.0.0.1:1']);
    expect(section.errors[0]?.message).toMatch(/TLS handshake with mirror 127\.0\.0\.1:1 failed/);
  });

  it('reads every certificate of bundle', async () => {
    const bundle = join(dir, 'bundle.pem');
    writeFileSync(bundle, readFileSync(ca.cert, 'utf8') + readFileSync(join(dir, 'mirror.pem'), 'utf8'));
    const section = await collect(false, [bundle]);
    const fromBundle = section.certificates.filter((record) => record.pathOrHost === bundle);

    expect(fromBundle.map((record) => record.index)).toEqual([0, 1]);
    expect(splitPemCertificates(readFileSync(bundle, 'utf8'))).toHaveLength(2);
  });

  it('reports unreadable extra path', async () => {
    const section = await collect(false, [join(dir, 'absent.pem')]);

    expect(section.errors.map((error) => error.source)).toEqual(['file']);
    expect(section.errors[0]?.message).toMatch(/absent\.pem/);
  });
});
