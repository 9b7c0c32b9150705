import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runVerdict } from './verdict.js';

type Reply = (response: ServerResponse) => void;

const GOOD_VERDICT = JSON.stringify({ verdict: 'SAFE', judgedAt: '2026-01-01T00:00:00Z', reasons: [] });

// Each mode of the fake collector answers the verdict request in one hostile way.
const replies: Record<string, Reply> = {
  good: (response) => response.end(GOOD_VERDICT),
  html: (response) => response.end('<html>proxy error</html>'),
  'empty-object': (response) => response.end('{}'),
  'unknown-verdict': (response) => response.end('{"verdict":"MAYBE","judgedAt":"x","reasons":[]}'),
  'null-objects': (response) => response.end('{"verdict":"SAFE","judgedAt":"x","reasons":[{"rule":"r","severity":"unsafe","message":"m","objects":null}]}'),
  huge: (response) => {
    response.write('{"verdict":"SAFE","judgedAt":"');
    response.end('a'.repeat(2 * 1024 * 1024));
  },
  hang: () => undefined,
  close: (response) => response.socket?.destroy(),
};

describe('verdict command', () => {
  let server: Server;
  let port: number;
  let dir: string;
  let listFile: string;
  let mode = 'good';

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      replies[mode]!(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;

    dir = mkdtempSync(join(tmpdir(), 'gapwatch-verdict-'));
    listFile = join(dir, 'images.txt');
    writeFileSync(listFile, 'docker.io/library/nginx:1.25\n');
    writeFileSync(join(dir, 'empty.txt'), '# nothing yet\r\n\r\n');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (replyMode: string, deleteFile = listFile) => {
    mode = replyMode;
    return runVerdict({ delete: deleteFile, keep: listFile, collector: `http://127.0.0.1:${port}` }, { timeoutMs: 1_000, maxReplyBytes: 1024 * 1024 });
  };

  it('exits 0 on SAFE', async () => {
    await expect(run('good')).resolves.toBe(0);
  });

  const hostile = [
    { name: 'HTML reply', path: 'html', code: 'GW_VERDICT_REPLY_INVALID' },
    { name: 'empty JSON object', path: 'empty-object', code: 'GW_VERDICT_REPLY_INVALID' },
    { name: 'unknown verdict value', path: 'unknown-verdict', code: 'GW_VERDICT_REPLY_INVALID' },
    { name: 'null reason objects', path: 'null-objects', code: 'GW_VERDICT_REPLY_INVALID' },
    { name: 'oversized reply', path: 'huge', code: 'GW_VERDICT_REPLY_INVALID' },
    { name: 'hanging collector', path: 'hang', code: 'GW_VERDICT_REQUEST' },
    { name: 'closed connection', path: 'close', code: 'GW_VERDICT_REQUEST' },
  ];

  it.each(hostile)('rejects $name', async ({ path, code }) => {
    await expect(run(path)).rejects.toMatchObject({ code });
  });

  it('rejects empty delete list', async () => {
    await expect(run('good', join(dir, 'empty.txt'))).rejects.toMatchObject({ code: 'GW_VERDICT_LIST_EMPTY' });
  });
});
