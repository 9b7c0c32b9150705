import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { silentLogger } from '../../core/log.js';
import { resolveCollectorConfig } from '../config.js';
import { startCollector, type RunningCollector } from '../main.js';

describe('pulls query API', () => {
  let dir: string;
  let collector: RunningCollector;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gapwatch-pulls-api-'));
    const config = resolveCollectorConfig({ listen: '127.0.0.1:0', databasePath: join(dir, 'collector.db') }, 'test');
    collector = await startCollector({ config, logger: silentLogger(), clock: new FakeClock() });
  });

  afterAll(async () => {
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const queries = [
    { name: 'leap-second since', query: 'since=2016-12-31T23:59:60Z', status: 400 },
    { name: 'cursor beyond safe integers', query: 'cursor=1e400', status: 400 },
    { name: 'limit of 1e400', query: 'limit=1e400', status: 400 },
    { name: 'repeated node parameter', query: 'node=a&node=b', status: 400 },
    { name: 'unknown parameter', query: '__proto__=1', status: 400 },
    { name: 'NUL in image', query: 'image=%00', status: 200 },
    { name: 'valid since', query: 'since=2026-01-01T00:00:00Z', status: 200 },
  ];

  it.each(queries)('answers $name', async ({ query, status }) => {
    const response = await fetch(`${collector.url}/api/v1/pulls?${query}`);
    const body = (await response.json()) as { code?: string };

    expect(response.status).toBe(status);
    expect(body.code).toBe(status === 400 ? 'GW_API_QUERY_INVALID' : undefined);
  });
});
