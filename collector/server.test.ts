import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/fake-clock.js';
import { silentLogger } from '../core/log.js';
import { resolveCollectorConfig } from './config.js';
import { startCollector, type RunningCollector } from './main.js';
import { buildCollectorServer } from './server.js';

const TIMEOUTS = { headersMs: 500, requestMs: 1_000, idleMs: 800, checkIntervalMs: 100 };
const REPORT_HEAD = 'POST /api/v1/reports HTTP/1.1\r\nHost: collector\r\nContent-Type: application/json\r\n';

/** Writes `chunks` one by one, `gapMs` apart, and returns how long the server kept the socket open. */
function holdSocket(port: number, chunks: string[], gapMs: number, giveUpMs: number): Promise<number | 'still open'> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve('still open');
    }, giveUpMs);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve(Date.now() - started);
    });

    let index = 0;
    const writeNext = () => {
      if (socket.destroyed || index >= chunks.length) {
        return;
      }
      socket.write(chunks[index++]!);
      setTimeout(writeNext, gapMs);
    };
    writeNext();
  });
}

describe('collector server timeouts', () => {
  let dir: string;
  let collector: RunningCollector;
  let port: number;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gapwatch-server-'));
    const config = resolveCollectorConfig({ listen: '127.0.0.1:0', databasePath: join(dir, 'collector.db') }, 'test');
    collector = await startCollector({ config, logger: silentLogger(), clock: new FakeClock() });
    const app = await buildCollectorServer(collector.services, null, TIMEOUTS);
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as net.AddressInfo).port;
    close = () => app.close();
  });

  afterAll(async () => {
    await close();
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const body = '{"node":"node-1"}';
  const cases = [
    { name: 'trickled headers', chunks: Array.from(`${REPORT_HEAD}X-Padding: ${'a'.repeat(100)}`) },
    { name: 'trickled body', chunks: [`${REPORT_HEAD}Content-Length: ${body.length * 100}\r\n\r\n`, ...Array.from(body.repeat(100))] },
    { name: 'chunked body without end', chunks: [`${REPORT_HEAD}Transfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n`] },
  ];

  it.each(cases)('closes $name', async ({ chunks }) => {
    const heldMs = await holdSocket(port, chunks, 50, 5_000);

    expect(heldMs).not.toBe('still open');
    expect(heldMs).toBeLessThan(TIMEOUTS.requestMs + 1_000);
  });
});
