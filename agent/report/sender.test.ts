import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isGapwatchError } from '../../core/errors.js';
import type { Report } from '../../wire/report.js';
import { ReportSender } from './sender.js';

const report: Report = {
  node: 'node-1',
  agentId: '00000000-0000-4000-8000-000000000000',
  seq: 7,
  intervalSeconds: 15,
  sentAt: '2026-01-01T00:00:00.000Z',
  agentVersion: '0.1.0',
  role: 'node',
  pulls: [],
  stats: { linesRead: 0, parseErrors: 0, ambiguousLines: 0, droppedPulls: 0 },
};

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('ReportSender against hostile collectors', () => {
  const servers: Array<Server | TcpServer> = [];
  const sockets: Socket[] = [];
  let dir: string | null = null;

  afterEach(async () => {
    sockets.forEach((socket) => socket.destroy());
    for (const server of servers.splice(0)) {
      if ('closeAllConnections' in server) {
        server.closeAllConnections();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
      dir = null;
    }
  });

  async function listen(server: Server | TcpServer): Promise<string> {
    servers.push(server);
    server.on('connection', (socket: Socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const http = (handler: Handler) => listen(createServer(handler));

  it('times out a silent collector', async () => {
    const url = await listen(createTcpServer(() => {}));
    const result = await new ReportSender({ collectorUrl: url, timeoutMs: 300 }).send(report);
    expect(result.kind).toBe('unavailable');
  });

  it('times out a byte trickle', async () => {
    const url = await http((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write('{'), 50);
      response.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const result = await new ReportSender({ collectorUrl: url, timeoutMs: 400 }).send(report);
    expect(result.kind).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('retries 200 garbage body', async () => {
    const url = await http((_request, response) => response.end('<html>welcome</html>'));
    const result = await new ReportSender({ collectorUrl: url }).send(report);
    expect(result.kind).toBe('unavailable');
  });

  it('acknowledges a matching ack', async () => {
    const url = await http((_request, response) => response.end(JSON.stringify({ seq: 7, accepted: 0, duplicates: 0, replayed: false })));
    expect((await new ReportSender({ collectorUrl: url }).send(report)).kind).toBe('acknowledged');
  });

  it('bounds a huge error body', async () => {
    const url = await http((_request, response) => {
      response.writeHead(400);
      response.end('x'.repeat(20 * 1024 * 1024));
    });
    const result = await new ReportSender({ collectorUrl: url }).send(report);
    expect(result.kind).toBe('rejected');
    expect(result.kind === 'rejected' ? result.body.length : null).toBe(2000);
  });

  it('reports a reset connection', async () => {
    const url = await listen(createTcpServer((socket) => socket.resetAndDestroy()));
    expect((await new ReportSender({ collectorUrl: url }).send(report)).kind).toBe('unavailable');
  });

  it('reports a closed port', async () => {
    const url = await listen(createTcpServer());
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    expect((await new ReportSender({ collectorUrl: url }).send(report)).kind).toBe('unavailable');
  });

  it('caps a huge Retry-After', async () => {
    const url = await http((_request, response) => response.writeHead(503, { 'retry-after': '999999' }).end());
    const result = await new ReportSender({ collectorUrl: url }).send(report);
    expect(result.kind).toBe('unavailable');
    expect(result.kind === 'unavailable' ? result.retryAfterMs : null).toBe(300_000);
  });

  it('strips credentials from url', () => {
    expect(new ReportSender({ collectorUrl: 'http://agent:s3cret@127.0.0.1:9410' }).url).toBe('http://127.0.0.1:9410/api/v1/reports');
  });

  it('rejects an empty token file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-sender-'));
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, '\n');
    const sender = new ReportSender({ collectorUrl: 'http://127.0.0.1:9', tokenFile });
    await expect(sender.send(report)).rejects.toSatisfy((err: unknown) => isGapwatchError(err, 'GW_AGENT_TOKEN_EMPTY'));
  });

  it('rejects a directory token file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-sender-'));
    const sender = new ReportSender({ collectorUrl: 'http://127.0.0.1:9', tokenFile: dir });
    await expect(sender.send(report)).rejects.toSatisfy((err: unknown) => isGapwatchError(err, 'GW_AGENT_TOKEN_UNREADABLE'));
  });
});
