import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerdict } from './verdict.js';

describe('verdict command errors', () => {
  let server: Server;
  let port: number;
  let dir: string;
  let listFile: string;
  let emptyFile: string;
  let status = 400;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end('{"error":"body/windowSeconds must be >= 60"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;

    dir = mkdtempSync(join(tmpdir(), 'gapwatch-verdict-errors-'));
    listFile = join(dir, 'images.txt');
    emptyFile = join(dir, 'empty.txt');
    writeFileSync(listFile, 'docker.io/library/nginx:1.25\n');
    writeFileSync(emptyFile, '');
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (collector: string, deleteFile = listFile) => runVerdict({ delete: deleteFile, keep: listFile, collector });

  it('names empty delete file', async () => {
    await expect(run(`http://127.0.0.1:${port}`, emptyFile)).rejects.toThrow(`${emptyFile} contains no image references`);
  });

  it('explains blocked collector port', async () => {
    // Port 6000 is on the fetch standard's bad-port list, so nothing is sent to it.
    await expect(run('http://127.0.0.1:6000')).rejects.toMatchObject({ code: 'GW_VERDICT_BAD_PORT', message: expect.stringContaining('port 6000') });
  });

  it('reports rejected request body', async () => {
    status = 400;
    const error = await run(`http://127.0.0.1:${port}`).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'GW_VERDICT_REJECTED', message: expect.stringContaining('windowSeconds must be >= 60') });
    expect((error as { fix: string }).fix).not.toContain('collector runs');
  });

  it('advises token on 401', async () => {
    status = 401;
    await expect(run(`http://127.0.0.1:${port}`)).rejects.toMatchObject({ code: 'GW_VERDICT_REJECTED', fix: expect.stringContaining('--token-file') });
  });
});
