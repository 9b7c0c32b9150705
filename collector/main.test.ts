import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/fake-clock.js';
import { silentLogger } from '../core/log.js';
import { resolveCollectorConfig } from './config.js';
import { startCollector } from './main.js';

describe('collector lifecycle', () => {
  const dirs: string[] = [];

  afterEach(() => {
    for (const dir of dirs.splice(0)) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes the database cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gapwatch-lifecycle-'));
    dirs.push(dir);
    const databasePath = join(dir, 'state', 'collector.db');
    const config = resolveCollectorConfig({ listen: '127.0.0.1:0', databasePath }, 'test');
    const collector = await startCollector({ config, logger: silentLogger(), clock: new FakeClock() });
    const url = collector.url;
    await collector.close();
    await collector.close();

    expect(existsSync(databasePath)).toBe(true);
    expect(existsSync(`${databasePath}-wal`)).toBe(false);
    expect(collector.services.store.ping()).toBe(false);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('fails on an unusable token file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gapwatch-lifecycle-'));
    dirs.push(dir);
    const config = resolveCollectorConfig(
      { listen: '127.0.0.1:0', databasePath: join(dir, 'collector.db'), auth: { tokenFiles: [join(dir, 'missing-token')] } },
      'test',
    );

    await expect(startCollector({ config, logger: silentLogger(), clock: new FakeClock() })).rejects.toThrow(/missing-token/);
  });
});
