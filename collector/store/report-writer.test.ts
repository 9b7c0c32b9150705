import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullRecord } from '../../wire/pull.js';
import { makePull, makeReport } from '../testing/reports.js';
import { MIGRATIONS } from './migrations.js';
import { ReportWriter } from './report-writer.js';
import { applyPragmas } from './sqlite-pragmas.js';
import { TOTALS_QUERY } from './totals-fold.js';

const AGENT_B = 'fedcba9876543210';
const RECEIVED_AT = Date.parse('2026-01-10T00:00:00Z');

describe('report writer', () => {
  let dir: string;
  let db: Database.Database;
  let writer: ReportWriter;
  const totals = () => db.prepare<[], { metric: string; labels: string; value: number; sum: number }>(TOTALS_QUERY).all();
  const deltaRows = () => (db.prepare('SELECT count(*) AS n FROM metric_deltas').get() as { n: number }).n;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gapwatch-writer-'));
    db = new Database(join(dir, 'collector.db'));
    applyPragmas(db);
    for (const migration of MIGRATIONS) {
      db.exec(migration);
    }
    writer = new ReportWriter(db);
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps totals across a fold', () => {
    writer.writeBatch([{ report: makeReport({ pulls: [makePull('a'), makePull('b', { servedBy: 'upstream' })] }), receivedAt: RECEIVED_AT }]);
    writer.writeBatch([{ report: makeReport({ seq: 2, pulls: [makePull('c')] }), receivedAt: RECEIVED_AT }]);
    const before = totals();

    const folded = writer.fold();

    expect(folded).toBeGreaterThan(0);
    expect(deltaRows()).toBe(0);
    expect(totals()).toEqual(before);
  });

  it('keeps duration sums exact', () => {
    // As seconds, 0.3 + 0.3 + 0.3 depends on rounding and order; in microseconds it is exact.
    for (const [seq, seconds] of [0.3, 0.3, 0.3].entries()) {
      writer.writeBatch([{ report: makeReport({ seq: seq + 1, pulls: [makePull(`p${seq}`, { durationSeconds: seconds })] }), receivedAt: RECEIVED_AT }]);
    }
    writer.fold();
    const bucket = totals().find((row) => row.metric === 'image_pull_duration' && row.labels.includes('"0.5"'));

    expect(bucket?.sum).toBe(900_000);
  });

  it('adds to folded totals later', () => {
    writer.writeBatch([{ report: makeReport({ pulls: [makePull('a')] }), receivedAt: RECEIVED_AT }]);
    writer.fold();
    writer.writeBatch([{ report: makeReport({ seq: 2, pulls: [makePull('b')] }), receivedAt: RECEIVED_AT }]);
    const pulls = totals().filter((row) => (row as { metric: string }).metric === 'image_pulls') as Array<{ value: number }>;

    expect(pulls.map((row) => row.value)).toEqual([2]);
  });

  it('drops totals of a failed report', () => {
    // Validation keeps such a record out at the HTTP layer; binding the object fails mid-batch.
    const broken = { ...makePull('bad'), bytes: { size: 1 } } as unknown as PullRecord;
    const { results, totals: added } = writer.writeBatch([
      { report: makeReport({ pulls: [makePull('good')] }), receivedAt: RECEIVED_AT },
      { report: makeReport({ agentId: AGENT_B, node: 'node-bad', pulls: [makePull('ok-before-bad'), broken] }), receivedAt: RECEIVED_AT },
    ]);

    expect(results.map((result) => result.ok)).toEqual([true, false]);
    expect(added.every((increment) => increment.labels.node !== 'node-bad')).toBe(true);
    expect(JSON.stringify(totals())).not.toContain('node-bad');
  });

  it('becomes due at the threshold', () => {
    const small = new ReportWriter(db, undefined, 3);
    const due = [small.foldDue];
    small.writeBatch([{ report: makeReport({ pulls: [makePull('a'), makePull('b', { servedBy: 'upstream' })] }), receivedAt: RECEIVED_AT }]);
    due.push(small.foldDue);
    small.fold();
    due.push(small.foldDue);

    expect(due).toEqual([false, true, false]);
  });
});
