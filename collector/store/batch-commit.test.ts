import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { PullMetrics } from '../metrics/pull-metrics.js';
import { pullTotalsPlanner } from '../metrics/pull-totals.js';
import { makePull, makeReport } from '../testing/reports.js';
import { openSqliteStore } from './sqlite-store.js';
import type { CollectorStore, TotalsPlanner } from './types.js';

const AGENT_B = 'fedcba9876543210';

// The planner runs inside the report's savepoint, so a throwing planner fails that report alone.
const failingPlanner: TotalsPlanner = {
  forPull(node, pull) {
    if (node === 'node-bad') {
      throw new Error(`planner failed for ${pull.id}`);
    }
    return pullTotalsPlanner.forPull(node, pull);
  },
  forAmbiguousLines: pullTotalsPlanner.forAmbiguousLines,
};

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

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acks only after commit', async () => {
    const reader = new Database(file, { readonly: true });
    const committedPulls = () => (reader.prepare('SELECT count(*) AS n FROM pulls').get() as { n: number }).n;
    const seenAtAck: number[] = [];

    const acks = [
      store.applyReport(makeReport({ pulls: [makePull('a')] }), clock.now(), pullTotalsPlanner).then(() => seenAtAck.push(committedPulls())),
      store.applyReport(makeReport({ agentId: AGENT_B, node: 'node-2', pulls: [makePull('b')] }), clock.now(), pullTotalsPlanner).then(() =>
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
      store.applyReport(makeReport({ pulls: [makePull('same')] }), clock.now(), pullTotalsPlanner),
      store.applyReport(makeReport({ agentId: AGENT_B, pulls: [makePull('same'), makePull('other')] }), clock.now(), pullTotalsPlanner),
    ]);
    const pulls = store.totals().filter((row) => row.metric === 'image_pulls');

    expect(first?.stored.length).toBe(1);
    expect(second?.stored.length).toBe(1);
    expect(second?.duplicates).toBe(1);
    expect(pulls.reduce((total, row) => total + row.value, 0)).toBe(2);
  });

  it('replays seq within one batch', async () => {
    const [first, again] = await Promise.all([
      store.applyReport(makeReport({ seq: 4, pulls: [makePull('a')] }), clock.now(), pullTotalsPlanner),
      store.applyReport(makeReport({ seq: 4, pulls: [makePull('a')] }), clock.now(), pullTotalsPlanner),
    ]);

    expect(first?.replayed).toBe(false);
    expect(again?.replayed).toBe(true);
  });

  it('rolls back failed report alone', async () => {
    const results = await Promise.allSettled([
      store.applyReport(makeReport({ pulls: [makePull('good')] }), clock.now(), failingPlanner),
      store.applyReport(makeReport({ agentId: AGENT_B, node: 'node-bad', pulls: [makePull('bad')], findings: { filesystems: { filesystems: [], errors: [] } } }), clock.now(), failingPlanner),
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
    const failed = { outcome: 'failure' as const, failureCause: 'not_found' as const, durationSeconds: 0.3 };
    const outcomes = await Promise.all([
      store.applyReport(makeReport({ pulls: [makePull('a'), makePull('b', failed)] }), clock.now(), pullTotalsPlanner),
      store.applyReport(makeReport({ agentId: AGENT_B, node: 'node-2', pulls: [makePull('a'), makePull('c')] }), clock.now(), pullTotalsPlanner),
      store.applyReport(makeReport({ seq: 2, pulls: [makePull('d', { servedBy: 'upstream' })], stats: { linesRead: 1, parseErrors: 0, ambiguousLines: 3, droppedPulls: 0 } }), clock.now(), pullTotalsPlanner),
    ]);
    for (const outcome of outcomes) {
      liveMetrics.apply(outcome.increments);
    }
    const served = (await live.metrics()).split('\n').filter((line) => line !== '' && !line.startsWith('#')).sort();

    store.close();
    store = openSqliteStore(file, clock);
    const restored = await exposition((registry) => new PullMetrics(registry, 100).restore(store.totals()));

    expect(served.length).toBeGreaterThan(20);
    expect(restored).toEqual(served);
  });

  it('restores findings after restart', async () => {
    const filesystems = { filesystems: [{ path: '/var/lib/containerd', role: 'node' as const, sizeBytes: 10, usedBytes: 4, availBytes: 6, usedRatio: 0.4 }], errors: [] };
    await store.applyReport(makeReport({ findings: { filesystems } }), clock.now(), pullTotalsPlanner);

    store.close();
    store = openSqliteStore(file, clock);

    expect(store.latestFindings('filesystems').get('node-1')).toEqual(filesystems);
  });

  it('commits queued reports on close', async () => {
    const pending = store.applyReport(makeReport({ pulls: [makePull('a')] }), clock.now(), pullTotalsPlanner);
    store.close();
    await pending;

    store = openSqliteStore(file, clock);
    expect(store.listPulls({ limit: 10 }).pulls.length).toBe(1);
  });
});
