import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from './ingest-body-post.js';

let server: Server;
let pool: Pool;

beforeAll(async () => {
  // Replies with the request's method, content type and body length, or 400 for `/reject`.
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.statusCode = request.url === '/reject' ? 400 : 200;
      response.end(JSON.stringify({ method: request.method, type: request.headers['content-type'], bytes: Buffer.concat(chunks).length }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 2 });
});

afterAll(async () => {
  await pool.close();
  server.close();
});

describe('postJson', () => {
  it.each([
    { name: 'small body', bytes: 2 },
    { name: 'large body', bytes: 300_000 },
  ])('posts $name as JSON', async ({ bytes }) => {
    const response = await postJson(pool, '/api/v1/reports', Buffer.alloc(bytes, 0x20));

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ method: 'POST', type: 'application/json', bytes });
  });

  it('returns error status and text', async () => {
    const response = await postJson(pool, '/reject', Buffer.from('{}'));

    expect(response.statusCode).toBe(400);
    expect(response.text).toContain('"bytes":2');
  });

  it('rejects on refused connection', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const deadPool = new Pool(`http://127.0.0.1:${port}`);

    await expect(postJson(deadPool, '/', Buffer.from('{}'))).rejects.toThrow(/ECONNREFUSED/);
    await deadPool.close();
  });
});
