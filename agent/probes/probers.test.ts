import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { createLabPki, type LabPki } from '../../test/lab/ca.js';
import { freePort } from '../../test/lab/processes.js';
import { directProber } from './direct.js';
import type { ProbeOutcome } from './outcome.js';
import type { Prober, ProxyEndpoint } from './prober.js';
import { proxyProber } from './proxy.js';
import { runProbe } from './runner.js';
import { parseTarget } from './target.js';

// Real loopback servers: a registry responding to /v2/ with 401, a silent TCP port, and CONNECT proxies.
let pki: LabPki;
let registry: HttpsServer;
let silent: TcpServer;
let proxy: HttpServer;
let denyingProxy: HttpServer;
let plainHttp: HttpServer;
let resetting: TcpServer;
let closedPort: number;
const sockets = new Set<Socket>();

function listen(server: HttpServer | HttpsServer | TcpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function endpoint(port: number): ProxyEndpoint {
  return { label: `http://127.0.0.1:${port}`, host: '127.0.0.1', port };
}

const ports: Record<string, number> = {};

beforeAll(async () => {
  pki = await createLabPki();
  registry = createHttpsServer({ cert: readFileSync(pki.server.cert), key: readFileSync(pki.server.key) }, (req, res) => {
    res.writeHead(req.url === '/v2/' ? 401 : 404, { 'www-authenticate': 'Bearer realm="https://auth.invalid/token"' });
    res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
  });
  silent = createTcpServer((socket) => sockets.add(socket));
  proxy = createHttpServer();
  proxy.on('connect', (req, client: Socket) => {
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host as string, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  denyingProxy = createHttpServer();
  denyingProxy.on('connect', (_req, client: Socket) => client.end('HTTP/1.1 403 Forbidden\r\n\r\n'));
  // A plain-HTTP listener responds to the TLS hello with HTTP bytes. The other resets after accept.
  plainHttp = createHttpServer((_req, res) => res.end('plain'));
  resetting = createTcpServer((socket) => socket.once('data', () => socket.resetAndDestroy()));

  ports.registry = await listen(registry);
  ports.silent = await listen(silent);
  ports.proxy = await listen(proxy);
  ports.denyingProxy = await listen(denyingProxy);
  ports.plainHttp = await listen(plainHttp);
  ports.resetting = await listen(resetting);
  closedPort = await freePort();
});

afterAll(async () => {
  for (const socket of sockets) {
    socket.destroy();
  }
  registry.closeAllConnections();
  proxy.closeAllConnections();
  plainHttp.closeAllConnections();
  await Promise.all([registry, silent, proxy, denyingProxy, plainHttp, resetting].map((server) => new Promise((resolve) => server.close(resolve))));
  await pki.cleanup();
});

interface Case {
  name: string;
  prober: Prober;
  target: () => string;
  ca: () => string;
  proxy?: () => ProxyEndpoint;
  outcome: ProbeOutcome;
  detail: RegExp;
}

const cases: Case[] = [
  { name: 'direct 401 is reachable', prober: directProber, target: () => `127.0.0.1:${ports.registry}`, ca: () => pki.ca.cert, outcome: 'reachable', detail: /HTTP 401/ },
  { name: 'direct untrusted CA is tls', prober: directProber, target: () => `127.0.0.1:${ports.registry}`, ca: () => pki.otherCa.cert, outcome: 'tls', detail: /certificate/ },
  { name: 'direct closed port is refused', prober: directProber, target: () => `127.0.0.1:${closedPort}`, ca: () => pki.ca.cert, outcome: 'refused', detail: /ECONNREFUSED/ },
  { name: 'direct silent port times out', prober: directProber, target: () => `127.0.0.1:${ports.silent}`, ca: () => pki.ca.cert, outcome: 'timeout', detail: /no response within 500 ms/ },
  { name: 'direct plain HTTP is tls', prober: directProber, target: () => `127.0.0.1:${ports.plainHttp}`, ca: () => pki.ca.cert, outcome: 'tls', detail: /wrong version number|packet length/ },
  { name: 'direct reset after connect is tls', prober: directProber, target: () => `127.0.0.1:${ports.resetting}`, ca: () => pki.ca.cert, outcome: 'tls', detail: /ECONNRESET/ },
  { name: 'proxy plain HTTP is tls', prober: proxyProber, target: () => `127.0.0.1:${ports.plainHttp}`, ca: () => pki.ca.cert, proxy: () => endpoint(ports.proxy as number), outcome: 'tls', detail: /wrong version number|packet length/ },
  { name: 'proxy 401 is reachable', prober: proxyProber, target: () => `127.0.0.1:${ports.registry}`, ca: () => pki.ca.cert, proxy: () => endpoint(ports.proxy as number), outcome: 'reachable', detail: /HTTP 401/ },
  { name: 'proxy untrusted CA is tls', prober: proxyProber, target: () => `127.0.0.1:${ports.registry}`, ca: () => pki.otherCa.cert, proxy: () => endpoint(ports.proxy as number), outcome: 'tls', detail: /certificate/ },
  { name: 'proxy 403 is denied', prober: proxyProber, target: () => `127.0.0.1:${ports.registry}`, ca: () => pki.ca.cert, proxy: () => endpoint(ports.denyingProxy as number), outcome: 'denied', detail: /403/ },
  { name: 'proxy closed port is refused', prober: proxyProber, target: () => `127.0.0.1:${ports.registry}`, ca: () => pki.ca.cert, proxy: () => endpoint(closedPort), outcome: 'refused', detail: /proxy http:\/\/127\.0\.0\.1/ },
  { name: 'proxy silent upstream times out', prober: proxyProber, target: () => `127.0.0.1:${ports.silent}`, ca: () => pki.ca.cert, proxy: () => endpoint(ports.proxy as number), outcome: 'timeout', detail: /no response/ },
];

describe('probers on loopback', () => {
  it.each(cases)('$name', async (testCase) => {
    const request = {
      target: parseTarget(testCase.target()),
      ca: [readFileSync(testCase.ca(), 'utf8')],
      ...(testCase.proxy ? { proxy: testCase.proxy() } : {}),
    };
    const observation = await runProbe(testCase.prober, request, { clock: systemClock, timeoutMs: 500 });

    expect(observation.outcome, observation.detail).toBe(testCase.outcome);
    expect(observation.detail).toMatch(testCase.detail);
    expect(observation.durationMs).toBeLessThan(5000);
  });

  it('stop signal rejects the probe', async () => {
    const stop = new AbortController();
    const pending = runProbe(directProber, { target: parseTarget(`127.0.0.1:${ports.silent}`), ca: [] }, { clock: systemClock, timeoutMs: 5000, signal: stop.signal });
    stop.abort(new Error('agent stopping'));
    await expect(pending).rejects.toThrow();
  });
});
