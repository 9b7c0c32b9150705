import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCertificateFile } from './files.js';

describe('readCertificateFile with hostile paths', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-certs-files-'));
    execFileSync('mkfifo', [join(dir, 'fifo.pem')]);
    writeFileSync(join(dir, 'huge.pem'), Buffer.alloc(5 * 1024 * 1024, 65));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const CASES = [
    ['/dev/zero', 'not a regular file'],
    ['fifo.pem', 'not a regular file'],
    ['huge.pem', 'larger than'],
    ['.', 'not a regular file'],
  ] as const;

  it.each(CASES)('reports %s as error', async (name, reason) => {
    const path = name.startsWith('/') ? name : join(dir, name);
    const { error } = await readCertificateFile(path);
    expect(error?.message).toContain(reason);
  });
});
