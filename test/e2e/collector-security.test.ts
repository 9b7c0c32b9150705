import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSender } from '../../agent/report/sender.js';
import { resolveCollectorConfig } from '../../collector/config.js';
import { startCollector, type RunningCollector } from '../../collector/main.js';
import { makePull, makeReport } from '../../collector/testing/reports.js';
import { FakeClock } from '../../core/fake-clock.js';
import { serviceAccountToken } from '../fakes/kube-api/token-review.js';
import { FakeKubeApi } from '../fakes/kube-api/server.js';
import { createCa, issueServerCert, type LabCa } from '../lab/ca.js';
import { LAB_BINARIES } from '../lab/require.js';

// Only openssl is needed (for the mTLS certificates); no root.
const opensslMissing = (() => {
  try {
    execFileSync('openssl', ['version']);
    return null;
  } catch {
    if (process.env.CI === 'true') {
      throw new Error(`openssl not found; install it with: apt-get install -y ${LAB_BINARIES.openssl.debianPackage}`);
    }
    return 'openssl not found; install it with: apt-get install -y openssl';
  }
})();

const secret = (label: string) => `${label}-${randomBytes(16).toString('hex')}`;

const TOKENS = {
  shared: secret('shared'),
  sharedRotated: secret('rotated'),
  boundToB: secret('bound'),
  verdict: secret('verdict'),
  reader: secret('reader'),
  saNodeA: secret('sa-a'),
  saNodeC: secret('sa-c'),
  saWrongAccount: secret('sa-wrong'),
  saNoNode: secret('sa-nonode'),
  saWrongAudience: secret('sa-aud'),
  saDuringOutage: secret('sa-outage'),
};

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** Captures every log line the collectors write, at the most verbose level. */
const logLines: string[] = [];
const logger = pino(
  { level: 'trace' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      done();
    },
  }),
);

describe('collector security', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gapwatch-security-'));
  const clock = new FakeClock(Date.parse('2026-01-01T00:01:00Z'));
  const api = new FakeKubeApi();
  const metricsTexts: string[] = [];
  const files = {
    shared: join(dir, 'shared-token'),
    bound: join(dir, 'bound-token'),
    verdict: join(dir, 'verdict-token'),
    reader: join(dir, 'reader-token'),
  };
  let collector: RunningCollector;
  let seq = 0;

  async function call(method: string, path: string, token: string | null, body?: unknown, advanceMs = 10_000): Promise<Reply> {
    // Moving time refills the rate-limit buckets, so only the rate-limit case hits them.
    clock.advance(advanceMs);
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (token !== null) {
      headers.authorization = `Bearer ${token}`;
    }
    const response = await request(`${collector.url}${path}`, { method: method as 'GET', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text } };
  }

  const report = (token: string | null, node: string, advanceMs?: number) =>
    call('POST', '/api/v1/reports', token, makeReport({ node, seq: ++seq, pulls: [makePull(`pull-${seq}`)] }), advanceMs);

  beforeAll(async () => {
    writeFileSync(files.shared, `${TOKENS.shared}\n`);
    writeFileSync(files.bound, `${TOKENS.boundToB}\n`);
    writeFileSync(files.verdict, `${TOKENS.verdict}\n`);
    writeFileSync(files.reader, `${TOKENS.reader}\n`);
    api.addToken(TOKENS.saNodeA, serviceAccountToken({ namespace: 'gapwatch', name: 'gapwatch-agent', pod: 'gapwatch-agent-a1', node: 'node-a' }));
    api.addToken(TOKENS.saNodeC, serviceAccountToken({ namespace: 'gapwatch', name: 'gapwatch-agent', pod: 'gapwatch-agent-c1', node: 'node-c' }));
    api.addToken(TOKENS.saWrongAccount, serviceAccountToken({ namespace: 'default', name: 'default', pod: 'web-1', node: 'node-a' }));
    api.addToken(TOKENS.saNoNode, serviceAccountToken({ namespace: 'gapwatch', name: 'gapwatch-agent' }));
    api.addToken(TOKENS.saWrongAudience, serviceAccountToken({ namespace: 'gapwatch', name: 'gapwatch-agent', node: 'node-a', audiences: ['https://kubernetes.default.svc'] }));
    api.addToken(TOKENS.saDuringOutage, serviceAccountToken({ namespace: 'gapwatch', name: 'gapwatch-agent', node: 'node-a' }));
    const kubeUrl = await api.start();

    const config = resolveCollectorConfig(
      {
        listen: '127.0.0.1:0',
        databasePath: join(dir, 'collector.db'),
        kube: { source: 'url', url: kubeUrl },
        auth: {
          sharedTokens: [{ file: files.shared }, { file: files.bound, nodes: ['node-b'] }],
          tokenReview: { cacheSeconds: 30 },
          rateLimit: { reportsPerSecond: 0.1, burst: 3 },
          verdictTokenFiles: [files.verdict],
          readerTokenFiles: [files.reader],
        },
      },
      'test',
    );
    collector = await startCollector({ config, logger, clock });
  });

  afterAll(async () => {
    await collector?.close();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ingestCases: Array<{ name: string; token: () => string | null; node: string; status: number; code?: string }> = [
    { name: 'no credential', token: () => null, node: 'node-a', status: 401, code: 'GW_AUTH_MISSING' },
    { name: 'unknown token', token: () => secret('guess'), node: 'node-a', status: 401, code: 'GW_AUTH_INVALID' },
    { name: 'unbound shared token', token: () => TOKENS.shared, node: 'node-x', status: 200 },
    { name: 'bound token, own node', token: () => TOKENS.boundToB, node: 'node-b', status: 200 },
    { name: 'bound token, other node', token: () => TOKENS.boundToB, node: 'node-a', status: 403, code: 'GW_AUTH_WRONG_NODE' },
    { name: 'service account, own node', token: () => TOKENS.saNodeA, node: 'node-a', status: 200 },
    { name: 'service account, other node', token: () => TOKENS.saNodeA, node: 'node-b', status: 403, code: 'GW_AUTH_WRONG_NODE' },
    { name: 'other service account', token: () => TOKENS.saWrongAccount, node: 'node-a', status: 403, code: 'GW_AUTH_WRONG_ACCOUNT' },
    { name: 'token without node', token: () => TOKENS.saNoNode, node: 'node-a', status: 403, code: 'GW_AUTH_NODE_UNKNOWN' },
    { name: 'wrong audience', token: () => TOKENS.saWrongAudience, node: 'node-a', status: 401, code: 'GW_AUTH_INVALID' },
    { name: 'verdict token', token: () => TOKENS.verdict, node: 'node-a', status: 401, code: 'GW_AUTH_INVALID' },
  ];

  it.each(ingestCases)('ingest with $name', async ({ token, node, status, code }) => {
    const reply = await report(token(), node);

    expect(reply.status).toBe(status);
    if (code !== undefined) {
      expect(reply.body.code).toBe(code);
    }
  });

  it('challenges with WWW-Authenticate', async () => {
    const missing = await report(null, 'node-a');
    const invalid = await report(secret('guess'), 'node-a');

    expect(missing.headers['www-authenticate']).toBe('Bearer realm="gapwatch"');
    expect(invalid.headers['www-authenticate']).toBe('Bearer realm="gapwatch", error="invalid_token"');
  });

  it('caches TokenReview by token', async () => {
    const before = api.requests.filter((line) => line.includes('tokenreviews')).length;
    await report(TOKENS.saNodeA, 'node-a');
    await report(TOKENS.saNodeA, 'node-a');
    const after = api.requests.filter((line) => line.includes('tokenreviews')).length;

    expect(after - before).toBeLessThanOrEqual(1);
  });

  it('answers 503 when TokenReview fails', async () => {
    api.failTokenReviews(true);
    const reply = await report(TOKENS.saDuringOutage, 'node-a');
    api.failTokenReviews(false);

    expect(reply.status).toBe(503);
    expect(reply.body.code).toBe('GW_AUTH_REVIEW_FAILED');
    expect(reply.headers['retry-after']).toBe('5');
  });

  it('limits each agent with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await report(TOKENS.saNodeC, 'node-c', 0)).status);
    }
    const other = await report(TOKENS.saNodeA, 'node-a', 0);
    const limited = await report(TOKENS.saNodeC, 'node-c', 0);

    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(other.status).toBe(200);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body.code).toBe('GW_AUTH_RATE_LIMITED');
  });

  it('rotates a shared token file', async () => {
    writeFileSync(files.shared, `${TOKENS.sharedRotated}\n`);
    const oldToken = await report(TOKENS.shared, 'node-x');
    const newToken = await report(TOKENS.sharedRotated, 'node-x');

    expect(oldToken.status).toBe(401);
    expect(newToken.status).toBe(200);
  });

  const accessCases: Array<{ name: string; method: string; path: string; token: () => string | null; body?: unknown; status: number }> = [
    { name: 'verdict without token', method: 'POST', path: '/api/v1/verdicts', token: () => null, body: { delete: ['registry.example/a:1'], keep: [] }, status: 401 },
    { name: 'verdict with agent token', method: 'POST', path: '/api/v1/verdicts', token: () => TOKENS.sharedRotated, body: { delete: ['registry.example/a:1'], keep: [] }, status: 401 },
    { name: 'verdict with reader token', method: 'POST', path: '/api/v1/verdicts', token: () => TOKENS.reader, body: { delete: ['registry.example/a:1'], keep: [] }, status: 401 },
    { name: 'verdict with verdict token', method: 'POST', path: '/api/v1/verdicts', token: () => TOKENS.verdict, body: { delete: ['registry.example/a:1'], keep: [] }, status: 200 },
    { name: 'nodes without token', method: 'GET', path: '/api/v1/nodes', token: () => null, status: 401 },
    { name: 'nodes with reader token', method: 'GET', path: '/api/v1/nodes', token: () => TOKENS.reader, status: 200 },
    { name: 'metrics without token', method: 'GET', path: '/metrics', token: () => null, status: 401 },
    { name: 'healthz without token', method: 'GET', path: '/healthz', token: () => null, status: 200 },
  ];

  it.each(accessCases)('access: $name', async ({ method, path, token, body, status }) => {
    const reply = await call(method, path, token(), body);

    expect(reply.status).toBe(status);
  });

  it('counts rejections by reason', async () => {
    const text = String((await call('GET', '/metrics', TOKENS.reader)).body.text);
    metricsTexts.push(text);

    expect(text).toMatch(/gapwatch_collector_auth_rejections_total\{route="reports",reason="wrong_node"\} [1-9]/);
    expect(text).toMatch(/gapwatch_collector_auth_rejections_total\{route="reports",reason="rate_limited"\} [1-9]/);
    expect(text).toMatch(/gapwatch_collector_auth_rejections_total\{route="verdicts",reason="invalid"\} [1-9]/);
  });

  it('logs rejections with remote address', () => {
    const rejected = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'report rejected');

    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every((line) => line.remote === '127.0.0.1')).toBe(true);
    expect(rejected.some((line) => line.code === 'GW_AUTH_WRONG_ACCOUNT')).toBe(true);
  });

  describe.skipIf(opensslMissing !== null)('with mTLS', () => {
    let tlsCollector: RunningCollector;
    let ca: LabCa;
    let nodeA: { cert: string; key: string };
    let rogue: { cert: string; key: string };

    beforeAll(async () => {
      const pki = mkdtempSync(join(dir, 'pki-'));
      ca = await createCa(pki, 'collector-ca');
      const server = await issueServerCert(ca, { name: 'collector', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
      nodeA = issueClientCert(ca, 'node-a');
      const rogueCa = await createCa(pki, 'rogue-ca');
      rogue = issueClientCert(rogueCa, 'node-a');

      const config = resolveCollectorConfig(
        {
          listen: '127.0.0.1:0',
          databasePath: join(dir, 'tls.db'),
          tls: { certFile: server.cert, keyFile: server.key, clientCaFile: ca.cert },
        },
        'test',
      );
      tlsCollector = await startCollector({ config, logger, clock });
    });

    afterAll(async () => {
      await tlsCollector?.close();
    });

    async function tlsReport(client: { cert: string; key: string } | null, node: string): Promise<number> {
      const dispatcher = new Agent({
        connect: { ca: readFileSync(ca.cert), ...(client ? { cert: readFileSync(client.cert), key: readFileSync(client.key) } : {}) },
      });
      try {
        const response = await request(`${tlsCollector.url}/api/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(makeReport({ node, seq: ++seq })),
          dispatcher,
        });
        await response.body.text();
        return response.statusCode;
      } finally {
        await dispatcher.close();
      }
    }

    it('serves https', () => {
      expect(tlsCollector.url.startsWith('https://127.0.0.1:')).toBe(true);
    });

    it('accepts certificate for own node', async () => {
      expect(await tlsReport(nodeA, 'node-a')).toBe(200);
    });

    it('rejects certificate for other node', async () => {
      expect(await tlsReport(nodeA, 'node-b')).toBe(403);
    });

    it('acknowledges the agent sender', async () => {
      const sender = new ReportSender({ collectorUrl: tlsCollector.url, collectorCaFile: ca.cert, clientCertFile: nodeA.cert, clientKeyFile: nodeA.key });
      const result = await sender.send(makeReport({ node: 'node-a', seq: ++seq }));

      expect(result.kind).toBe('acknowledged');
    });

    it('rejects handshake without certificate', async () => {
      await expect(tlsReport(null, 'node-a')).rejects.toThrow();
    });

    it('rejects certificate of other CA', async () => {
      await expect(tlsReport(rogue, 'node-a')).rejects.toThrow();
    });

    it('keeps the server key out of logs', () => {
      const keyBody = readFileSync(join(ca.dir, 'collector.key'), 'utf8').split('\n')[1] ?? 'missing';
      const leaked = logLines.filter((line) => line.includes(keyBody));

      expect(leaked).toEqual([]);
    });
  });

  it('never logs or exports a token', async () => {
    metricsTexts.push(String((await call('GET', '/metrics', TOKENS.reader)).body.text));
    const haystacks = [...logLines, ...metricsTexts];

    expect(logLines.length).toBeGreaterThan(10);
    for (const [name, token] of Object.entries(TOKENS)) {
      const leaks = haystacks.filter((text) => text.includes(token));
      expect(leaks, `token ${name} appears in logs or metrics`).toEqual([]);
    }
  });
});

/** Issues a client certificate (extendedKeyUsage clientAuth) with CN and one DNS SAN of `node`. */
function issueClientCert(ca: LabCa, node: string): { cert: string; key: string } {
  const key = join(ca.dir, `client-${node}.key`);
  const csr = join(ca.dir, `client-${node}.csr`);
  const cert = join(ca.dir, `client-${node}.crt`);
  const ext = join(ca.dir, `client-${node}.ext`);
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${node}`], { stdio: 'pipe' });
  writeFileSync(ext, `basicConstraints = CA:FALSE\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = clientAuth\nsubjectAltName = DNS:${node}\n`);
  execFileSync(
    'openssl',
    ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', '2', '-extfile', ext],
    { stdio: 'pipe' },
  );
  return { cert, key };
}
