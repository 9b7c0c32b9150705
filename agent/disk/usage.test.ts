import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGapwatchError } from '../../core/errors.js';
import { readUsage, usageFromStatfs } from './usage.js';

describe('usageFromStatfs', () => {
  const cases = [
    { name: 'empty filesystem', stats: { bsize: 4096, blocks: 100, bfree: 100, bavail: 100 }, ratio: 0 },
    { name: 'half used', stats: { bsize: 4096, blocks: 100, bfree: 50, bavail: 50 }, ratio: 0.5 },
    { name: 'root reserve excluded', stats: { bsize: 1024, blocks: 100, bfree: 30, bavail: 20 }, ratio: 70 / 90 },
    { name: 'zero-size filesystem', stats: { bsize: 4096, blocks: 0, bfree: 0, bavail: 0 }, ratio: 0 },
  ];

  it.each(cases)('ratio for $name', ({ stats, ratio }) => {
    const record = usageFromStatfs('/data', 'mirror', stats);

    expect(record.usedRatio).toBeCloseTo(ratio, 10);
    expect(record.sizeBytes).toBe(stats.blocks * stats.bsize);
    expect(record.availBytes).toBe(stats.bavail * stats.bsize);
  });
});

describe('readUsage on tmpfs', () => {
  let mountPoint: string;
  let mounted = false;
  let mountError = '';

  beforeAll(() => {
    mountPoint = mkdtempSync(join(tmpdir(), 'gapwatch-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { stdio: 'pipe' });
      mounted = true;
    } catch (err) {
      mountError = (err as Error).message;
    }
  });

  afterAll(() => {
    if (mounted) {
      execFileSync('umount', [mountPoint]);
    }
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('measures written bytes', async (context) => {
    if (!mounted) {
      if (process.env.CI === 'true') {
        throw new Error(`mounting tmpfs failed; run the tests as root: ${mountError}`);
      }
      context.skip();
    }

    writeFileSync(join(mountPoint, 'blob'), Buffer.alloc(2 * 1024 * 1024, 1));
    const record = await readUsage(mountPoint, 'mirror');

    expect(record.sizeBytes).toBe(8 * 1024 * 1024);
    expect(record.usedBytes).toBe(2 * 1024 * 1024);
    expect(record.usedRatio).toBeCloseTo(0.25, 2);
    expect(record.role).toBe('mirror');
  });

  it('rejects missing path with code', async () => {
    const error = await readUsage(join(mountPoint, 'absent', 'dir'), 'node').catch((err: unknown) => err);

    expect(isGapwatchError(error, 'GW_DISK_STATFS_FAILED')).toBe(true);
  });
});
