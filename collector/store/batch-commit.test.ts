import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { PullMetrics } from '../metrics/pull-metrics.js';
import type { PullRecord } from '../../wire/pull.js';
import { makePull, makeReport } from '../testing/reports.js';
import { openSqliteStore } from './sqlite-store.js';
import type { CollectorStore } from './types.js';

const AGENT_B = 'fedcba9876543210';

// Validation keeps such a record out at the HTTP layer; here binding the object fails inside
// the writer thread, in the middle of a batch.
const brokenPull = { ...makePull('bad'), bytes: { size: 1 } } as unknown as PullRecord;

async function exposition(metrics: (registry: Registry) => void): Promise<string[]> {
  const registry = new Registry();
  metrics(registry);
  const text = await registry.metrics();
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).sort();
}

describe('store batch commit', () => {
  let dir: string;
  let file: string;
  let clock: FakeClock;
  let store: CollectorStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gapwatch-batch-'));
    file = join(dir, 'collector.db');
    clock = new FakeClock(Date.parse('2026-01-10T00:00:00Z'));
    store = openSqliteStore(file, clock);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acks only after commit', async () => {
    const reader = new Database(file, { readonly: true });
    const committedPulls = () => (reader.prepare('SELECT count(*) AS n FROM pulls').get() as { n: number }).n;
    const seenAtAck: number[] = [];

    const acks = [
      store.applyReport(makeReport({ pulls: [makePull('a')] }), clock.now()).then(() => seenAtAck.push(committedPulls())),
      store.applyReport(makeReport({ agentId: AGENT_B, node: 'node-2', pulls: [makePull('b')] }), clock.now()).then(() =>
        seenAtAck.push(committedPulls()),
      ),
    ];
    const beforeCommit = committedPulls();
    await Promise.all(acks);
    reader.close();

    expect(beforeCommit).toBe(0);
    expect(seenAtAck).toEqual([2, 2]);
  });

  it('counts duplicate across batch once', async () => {
    const [first, second] = await Promise.all([
      store.applyReport(makeReport({ pulls: [makePull('same')] }), clock.now()),
      store.applyReport(makeReport({ agentId: AGENT_B, pulls: [makePull('same'), makePull('other')] }), clock.now()),
    ]);
    const pulls = store.totals().filter((row) => row.metric === 'image_pulls');

    expect(first?.stored).toBe(1);
    expect(second?.stored).toBe(1);
    expect(second?.duplicates).toBe(1);
    expect(pulls.reduce((total, row) => total + row.value, 0)).toBe(2);
  });

  it('replays seq within one batch', async () => {
    const [first, again] = await Promise.all([
      store.applyReport(makeReport({ seq: 4, pulls: [makePull('a')] }), clock.now()),
      store.applyReport(makeReport({ seq: 4, pulls: [makePull('a')] }), clock.now()),
    ]);

    expect(first?.replayed).toBe(false);
    expect(again?.replayed).toBe(true);
  });

  it('rolls back failed report alone', async () => {
    const results = await Promise.allSettled([
      store.applyReport(makeReport({ pulls: [makePull('good')] }), clock.now()),
      store.applyReport(makeReport({ agentId: AGENT_B, node: 'node-bad', pulls: [brokenPull], findings: { filesystems: { filesystems: [], errors: [] } } }), clock.now()),
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect(store.listPulls({ limit: 10 }).pulls.map((pull) => pull.node)).toEqual(['node-1']);
    expect(store.nodes().map((node) => node.node)).toEqual(['node-1']);
    expect(store.latestFindings('filesystems').has('node-bad')).toBe(false);
  });

  it('restores served counts after restart', async () => {
    const live = new Registry();
    const liveMetrics = new PullMetrics(live, 100);
    liveMetrics.restore(store.totals());
    store.onTotalsCommitted((increments) => liveMetrics.apply(increments));
    const failed = { outcome: 'failure' as const, failureCause: 'not_found' as const, durationSeconds: 0.3 };
    await Promise.all([
      store.applyReport(makeReport({ pulls: [makePull('a'), makePull('b', failed)] }), clock.now()),
      store.applyReport(makeReport({ agentId: AGENT_B, node: 'node-2', pulls: [makePull('a'), makePull('c')] }), clock.now()),
      store.applyReport(makeReport({ seq: 2, pulls: [makePull('d', { servedBy: 'upstream' })], stats: { linesRead: 1, parseErrors: 0, ambiguousLines: 3, droppedPulls: 0 } }), clock.now()),
    ]);
    const served = (await live.metrics()).split('\n').filter((line) => line !== '' && !line.startsWith('#')).sort();

    await store.close();
    store = openSqliteStore(file, clock);
    const restored = await exposition((registry) => new PullMetrics(registry, 100).restore(store.totals()));

    expect(served.length).toBeGreaterThan(20);
    expect(restored).toEqual(served);
  });

  it('restores findings after restart', async () => {
    const filesystems = { filesystems: [{ path: '/var/lib/containerd', role: 'node' as const, sizeBytes: 10, usedBytes: 4, availBytes: 6, usedRatio: 0.4 }], errors: [] };
    await store.applyReport(makeReport({ findings: { filesystems } }), clock.now());

    await store.close();
    store = openSqliteStore(file, clock);

    expect(store.latestFindings('filesystems').get('node-1')).toEqual(filesystems);
  });

  it('commits queued reports on close', async () => {
    const pending = store.applyReport(makeReport({ pulls: [makePull('a')] }), clock.now());
    await store.close();
    await pending;

    store = openSqliteStore(file, clock);
    expect(store.listPulls({ limit: 10 }).pulls.length).toBe(1);
  });
});
