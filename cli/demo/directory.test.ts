import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDemoDirectory } from './directory.js';

const root = mkdtempSync(join(tmpdir(), 'gw-demo-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('demo directory', () => {
  it('rejects a foreign non-empty directory', () => {
    const directory = join(root, 'foreign');
    mkdirSync(directory);
    writeFileSync(join(directory, 'important.txt'), 'keep');

    expect(() => prepareDemoDirectory(directory)).toThrow(/GW_DEMO_DIR_NOT_EMPTY|already holds files/);
    expect(existsSync(join(directory, 'important.txt'))).toBe(true);
  });

  it('empties its own previous run', () => {
    const directory = join(root, 'own');
    prepareDemoDirectory(directory);
    writeFileSync(join(directory, 'collector.log'), 'old');

    prepareDemoDirectory(directory);

    expect(existsSync(join(directory, 'collector.log'))).toBe(false);
    expect(existsSync(join(directory, '.gapwatch-demo'))).toBe(true);
  });

  it('rejects a plain file', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'keep');

    expect(() => prepareDemoDirectory(file)).toThrow(/GW_DEMO_DIR_NOT_DIRECTORY|not a directory/);
    expect(existsSync(file)).toBe(true);
  });

  it('creates a missing directory', () => {
    const directory = join(root, 'new', 'nested');
    prepareDemoDirectory(directory);
    expect(existsSync(join(directory, '.gapwatch-demo'))).toBe(true);
  });
});
