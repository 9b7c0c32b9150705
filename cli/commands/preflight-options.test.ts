import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { register } from './preflight.js';

// The mirror responds to every request with 404 after 150 ms, which is slower than 1 ms and faster than 1 s.
describe('preflight timeout option', () => {
  let server: Server;
  let mirror: string;
  let dir: string;
  let images: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      setTimeout(() => {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
      }, 150);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'gapwatch-preflight-'));
    images = join(dir, 'images.txt');
    writeFileSync(images, 'docker.io/library/nginx:1.25\n');
  });

  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function preflight(...args: string[]): Promise<{ output: string; exitCode: number | undefined }> {
    let output = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output += String(chunk);
      return true;
    });
    const program = new Command('gapwatch').exitOverride();
    register(program);
    await program.parseAsync(['node', 'gapwatch', 'preflight', '--images', images, '--mirror', mirror, ...args]);
    const exitCode = process.exitCode === undefined ? undefined : Number(process.exitCode);
    return { output, exitCode };
  }

  it('reads timeout as seconds', async () => {
    const { output, exitCode } = await preflight('--timeout', '1');
    expect(exitCode, output).toBe(1);
  });

  it('accepts fractional seconds', async () => {
    const { output, exitCode } = await preflight('--timeout', '0.5');
    expect(exitCode, output).toBe(1);
  });

  it('rejects non-numeric timeout', async () => {
    await expect(preflight('--timeout', 'soon')).rejects.toMatchObject({ code: 'GW_PREFLIGHT_TIMEOUT', fix: expect.stringContaining('seconds') });
  });

  it('help names the unit', () => {
    const program = new Command('gapwatch');
    register(program);
    expect(program.commands[0]!.helpInformation()).toMatch(/--timeout <seconds>\s+timeout of each registry request, in seconds/);
  });
});
