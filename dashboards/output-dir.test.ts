import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDashboards } from './build.js';

describe('writeDashboards output directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'gapwatch-dashboards-'));
  writeFileSync(join(root, 'file'), 'not a directory\n');
  mkdirSync(join(root, 'blocked', 'gapwatch-overview.json'), { recursive: true });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates missing nested directories', () => {
    const dir = join(root, 'a', 'b', 'c');
    writeDashboards(dir);
    expect(existsSync(join(dir, 'gapwatch-node.json'))).toBe(true);
  });

  it('accepts an existing directory', () => {
    expect(writeDashboards(root)).toHaveLength(2);
  });

  const failures = [
    { name: 'file as directory', dir: () => join(root, 'file'), code: 'GW_DASHBOARDS_NOT_DIRECTORY' },
    { name: 'file as parent', dir: () => join(root, 'file', 'x', 'y'), code: 'GW_DASHBOARDS_NOT_DIRECTORY' },
    { name: 'directory under /proc', dir: () => '/proc/gapwatch-nope/deeper', code: 'GW_DASHBOARDS_MKDIR' },
    { name: 'unwritable dashboard file', dir: () => join(root, 'blocked'), code: 'GW_DASHBOARDS_WRITE' },
  ];

  it.each(failures)('rejects $name', ({ dir, code }) => {
    expect(() => writeDashboards(dir())).toThrow(expect.objectContaining({ code }));
  });

  it('names the directory in errors', () => {
    expect(() => writeDashboards(join(root, 'file', 'x'))).toThrow(join(root, 'file', 'x'));
  });
});
