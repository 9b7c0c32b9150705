import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isGapwatchError } from '../../core/errors.js';
import { FakeClock } from '../../core/fake-clock.js';
import { makePull, makeReport } from '../testing/reports.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';
import { storeAgentDirectory, storePullHistory } from './verdict-sources.js';
import type { CollectorStore } from './types.js';

const DIGEST_REF = 'sha256:' + 'c'.repeat(64);

describe('sqlite store', () => {
  let dir: string;
  let clock: FakeClock;
  let store: CollectorStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gapwatch-store-'));
    clock = new FakeClock(Date.parse('2026-01-10T00:00:00Z'));
    store = openSqliteStore(join(dir, 'collector.db'), clock);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores pulls once by id', async () => {
    const first = await store.applyReport(makeReport({ pulls: [makePull('a'), makePull('b')] }), clock.now());
    const second = await store.applyReport(makeReport({ seq: 2, pulls: [makePull('b'), makePull('c')] }), clock.now());

    expect(first.stored).toBe(2);
    expect(second.stored).toBe(1);
    expect(second.duplicates).toBe(1);
    expect(store.listPulls({ limit: 10 }).pulls.length).toBe(3);
  });

  it('stores same id per node', async () => {
    await store.applyReport(makeReport({ pulls: [makePull('a')] }), clock.now());
    const other = await store.applyReport(makeReport({ agentId: 'fedcba9876543210', node: 'node-2', pulls: [makePull('a')] }), clock.now());

    expect(other.stored).toBe(1);
    expect(store.listPulls({ limit: 10 }).pulls.map((pull) => pull.node)).toEqual(['node-2', 'node-1']);
  });

  it('ignores a replayed seq', async () => {
    await store.applyReport(makeReport({ seq: 3, pulls: [makePull('a')] }), clock.now());
    const replay = await store.applyReport(makeReport({ seq: 3, pulls: [makePull('z')] }), clock.now());
    const older = await store.applyReport(makeReport({ seq: 2, pulls: [makePull('y')] }), clock.now());

    expect(replay.replayed).toBe(true);
    expect(older.replayed).toBe(true);
    expect(store.listPulls({ limit: 10 }).pulls.map((pull) => pull.id).length).toBe(1);
  });

  it('restarts seq for a new agent id', async () => {
    await store.applyReport(makeReport({ seq: 5 }), clock.now());
    const fresh = await store.applyReport(makeReport({ agentId: 'fedcba9876543210', seq: 1 }), clock.now());

    expect(fresh.replayed).toBe(false);
  });

  it('finds pulls by reference and digest', async () => {
    const pulls = [
      makePull('by-tag', { image: 'docker.io/library/nginx:1.25' }),
      makePull('by-digest', { image: `docker.io/library/redis@${DIGEST_REF}`, imageId: null, repoDigest: null }),
      makePull('by-image-id', { image: 'docker.io/library/busybox:1', imageId: 'sha256:' + 'd'.repeat(64), repoDigest: null }),
      makePull('by-repo-digest', { image: 'docker.io/library/alpine:3', imageId: null, repoDigest: 'docker.io/library/alpine@sha256:' + 'e'.repeat(64) }),
      makePull('unrelated', { image: 'docker.io/library/httpd:2', imageId: null, repoDigest: null }),
    ];
    await store.applyReport(makeReport({ pulls }), clock.now());

    const cases = [
      { references: ['docker.io/library/nginx:1.25'], digests: [], expected: ['by-tag'] },
      { references: [], digests: [DIGEST_REF], expected: ['by-digest'] },
      { references: [], digests: ['sha256:' + 'd'.repeat(64)], expected: ['by-image-id'] },
      { references: [], digests: ['sha256:' + 'e'.repeat(64)], expected: ['by-repo-digest'] },
    ];
    for (const testCase of cases) {
      const found = store.pullsOfImages({ references: testCase.references, digests: testCase.digests, since: 0 });
      expect(found.map((pull) => pull.id), JSON.stringify(testCase)).toEqual(testCase.expected.map((label) => makePull(label).id));
    }
  });

  it('filters image pulls by time', async () => {
    await store.applyReport(makeReport({ pulls: [makePull('old', { endedAt: '2026-01-01T00:00:00Z' })] }), clock.now());
    const found = store.pullsOfImages({ references: ['docker.io/library/nginx:1.25'], digests: [], since: Date.parse('2026-01-02T00:00:00Z') });

    expect(found).toEqual([]);
  });

  it('moves history start on prune', async () => {
    const openedAt = clock.now();
    await store.applyReport(makeReport({ pulls: [makePull('old', { endedAt: '2025-12-01T00:00:00Z' })] }), clock.now());

    expect(store.historyStartedAt()).toBe(openedAt);
    expect(await store.prunePulls(openedAt - 1000)).toBe(1);
    expect(store.historyStartedAt()).toBe(openedAt);
    expect(await store.prunePulls(openedAt + 5000)).toBe(0);
    expect(store.historyStartedAt()).toBe(openedAt + 5000);
  });

  it('keeps totals after prune', async () => {
    await store.applyReport(makeReport({ pulls: [makePull('old', { endedAt: '2025-12-01T00:00:00Z' })] }), clock.now());
    const before = store.totals();
    await store.prunePulls(clock.now());

    expect(store.totals()).toEqual(before);
  });

  it('counts ambiguous lines across agent restarts', async () => {
    const stats = (ambiguousLines: number) => ({ linesRead: 1, parseErrors: 0, ambiguousLines, droppedPulls: 0 });
    await store.applyReport(makeReport({ seq: 1, stats: stats(4) }), clock.now());
    await store.applyReport(makeReport({ seq: 2, stats: stats(6) }), clock.now());
    await store.applyReport(makeReport({ seq: 3, stats: stats(1) }), clock.now());
    const total = store.totals().find((row) => row.metric === 'pull_ambiguous_lines');

    expect(total?.value).toBe(7);
  });

  it('keeps newest findings per section', async () => {
    await store.applyReport(makeReport({ seq: 1, findings: { filesystems: {} } }), clock.now());

    expect([...store.latestFindings('filesystems').keys()]).toEqual(['node-1']);
    expect(store.latestFindings('probes').size).toBe(0);
  });

  it('pages pulls newest first', async () => {
    const pulls = ['p1', 'p2', 'p3'].map((label) => makePull(label));
    await store.applyReport(makeReport({ pulls }), clock.now());
    const first = store.listPulls({ limit: 2 });
    const second = store.listPulls({ limit: 2, before: first.next ?? undefined });

    expect(first.pulls.map((pull) => pull.id)).toEqual([pulls[2]?.id, pulls[1]?.id]);
    expect(second.pulls.map((pull) => pull.id)).toEqual([pulls[0]?.id]);
    expect(second.next).toBeNull();
  });

  it('rejects a newer schema version', async () => {
    await store.close();
    const file = join(dir, 'collector.db');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();

    let error: unknown;
    try {
      openSqliteStore(file, clock);
    } catch (err) {
      error = err;
    }
    expect(isGapwatchError(error, 'GW_STORE_SCHEMA_NEWER')).toBe(true);
    store = openSqliteStore(join(dir, 'other.db'), clock);
  });

  it('migrates pulls and duration sums', async () => {
    await store.close();
    const file = join(dir, 'keyed-by-id.db');
    const raw = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 3)) {
      raw.exec(migration);
    }
    raw.pragma('user_version = 3');
    raw
      .prepare(
        `INSERT INTO pulls (rowid, id, node, image, image_name, namespace, outcome, served_by, seen_at, attempts, ambiguous_lines, received_at)
         VALUES (42, 'old', 'node-1', 'docker.io/library/nginx:1.25', 'docker.io/library/nginx:1.25', 'docker.io', 'success', 'mirror', 1, '[]', 0, 1)`,
      )
      .run();
    raw.prepare(`INSERT INTO metric_totals (metric, labels, value, sum) VALUES ('image_pull_duration', '{"le":"5"}', 2, 1.5)`).run();
    raw.close();

    store = openSqliteStore(file, clock);
    const page = store.listPulls({ limit: 10 });

    expect(page.pulls.map((pull) => pull.id)).toEqual(['old']);
    expect(store.listPulls({ limit: 10, before: 43 }).pulls.length).toBe(1);
    expect(store.totals()).toEqual([{ metric: 'image_pull_duration', labels: { le: '5' }, value: 2, sum: 1_500_000 }]);
  });

  it('refuses writes after the file is deleted', async () => {
    await store.applyReport(makeReport({ pulls: [makePull('a')] }), clock.now());
    rmSync(join(dir, 'collector.db'));
    const error = await store.applyReport(makeReport({ seq: 2, pulls: [makePull('b')] }), clock.now()).catch((err: unknown) => err);

    expect((error as Error).message).toContain('was deleted or replaced');
    expect(store.ping()).toBe(false);
  });

  it('uses WAL journal mode', () => {
    const raw = new Database(join(dir, 'collector.db'), { readonly: true });
    const mode = raw.pragma('journal_mode', { simple: true });
    raw.close();

    expect(mode).toBe('wal');
  });
});

describe('store verdict sources', () => {
  it('maps pulls to pull events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gapwatch-store-'));
    const clock = new FakeClock(Date.parse('2026-01-10T00:00:00Z'));
    const store = openSqliteStore(join(dir, 'collector.db'), clock);
    await store.applyReport(makeReport({ pulls: [makePull('a')] }), clock.now());
    const events = await storePullHistory(store).pullsSince(0);
    const agents = await storeAgentDirectory(store).agents();
    await store.close();
    rmSync(dir, { recursive: true, force: true });

    expect(events).toEqual([
      { node: 'node-1', image: 'docker.io/library/nginx:1.25', digest: 'sha256:' + 'b'.repeat(64), at: Date.parse('2026-01-01T00:00:01.5Z') },
    ]);
    expect(agents).toEqual([{ node: 'node-1', lastReportAt: clock.now(), intervalSeconds: 15 }]);
  });
});
