import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import type { FindingsSection, NodeFindings } from '../../wire/findings.js';
import type { Report } from '../../wire/report.js';
import { collectorError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';
import { fromPullRow, toPullRow, type PullRow } from './pull-rows.js';
import type {
  CollectorStore,
  ImagePullQuery,
  NodeReport,
  PullPage,
  PullQuery,
  ReportOutcome,
  StoredPull,
  TotalIncrement,
  TotalRow,
  TotalsPlanner,
} from './types.js';

const HISTORY_STARTED_KEY = 'history_started_at';

type Db = Database.Database;

/** Opens (creating and migrating when needed) the SQLite database at `file`, in WAL mode. */
export function openSqliteStore(file: string, clock: Clock): CollectorStore {
  let db: Db;
  try {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
    }
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    throw collectorError('GW_STORE_OPEN', { file, reason: (err as Error).message }, err);
  }
  try {
    migrate(db, file);
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(HISTORY_STARTED_KEY, String(clock.now()));
  } catch (err) {
    db.close();
    throw err;
  }
  return new SqliteStore(db);
}

function migrate(db: Db, file: string): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > MIGRATIONS.length) {
    throw collectorError('GW_STORE_SCHEMA_NEWER', { file, found: applied, known: MIGRATIONS.length });
  }
  for (let version = applied; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Canonical JSON of a label set (sorted keys), the key of a metric total. */
function labelsKey(labels: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((name) => [name, labels[name]]);
  return JSON.stringify(Object.fromEntries(sorted));
}

class SqliteStore implements CollectorStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      agent: db.prepare<[string], { last_seq: number; ambiguous_lines: number }>(
        'SELECT last_seq, ambiguous_lines FROM agents WHERE agent_id = ?',
      ),
      upsertAgent: db.prepare(
        `INSERT INTO agents (agent_id, node, last_seq, ambiguous_lines, updated_at)
         VALUES (@agentId, @node, @seq, @ambiguous, @now)
         ON CONFLICT (agent_id) DO UPDATE SET node = excluded.node, last_seq = excluded.last_seq,
           ambiguous_lines = excluded.ambiguous_lines, updated_at = excluded.updated_at`,
      ),
      insertPull: db.prepare<[PullRow]>(
        `INSERT OR IGNORE INTO pulls (id, node, image, image_name, image_digest, namespace, outcome,
           served_by, served_host, failure_cause, failure_detail, duration_seconds, started_at, ended_at,
           seen_at, bytes, image_id, repo_digest, repo_digest_digest, attempts, ambiguous_lines, received_at)
         VALUES (@id, @node, @image, @image_name, @image_digest, @namespace, @outcome, @served_by,
           @served_host, @failure_cause, @failure_detail, @duration_seconds, @started_at, @ended_at,
           @seen_at, @bytes, @image_id, @repo_digest, @repo_digest_digest, @attempts, @ambiguous_lines,
           @received_at)`,
      ),
      addTotal: db.prepare(
        `INSERT INTO metric_totals (metric, labels, value, sum) VALUES (@metric, @labels, @value, @sum)
         ON CONFLICT (metric, labels) DO UPDATE SET value = value + excluded.value, sum = sum + excluded.sum`,
      ),
      upsertNode: db.prepare(
        `INSERT INTO nodes (node, last_report_at, interval_seconds, agent_version, role, agent_id, stats)
         VALUES (@node, @at, @interval, @version, @role, @agentId, @stats)
         ON CONFLICT (node) DO UPDATE SET last_report_at = excluded.last_report_at,
           interval_seconds = excluded.interval_seconds, agent_version = excluded.agent_version,
           role = excluded.role, agent_id = excluded.agent_id, stats = excluded.stats`,
      ),
      upsertFindings: db.prepare(
        `INSERT INTO findings (node, section, received_at, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (node, section) DO UPDATE SET received_at = excluded.received_at, body = excluded.body`,
      ),
    };
  }

  applyReport(report: Report, receivedAt: number, planner: TotalsPlanner): ReportOutcome {
    const apply = this.db.transaction((): ReportOutcome => {
      const agent = this.statements.agent.get(report.agentId);
      // NOTE: an older seq arriving after a newer one is also treated as replayed; this
      // assumes the agent sends its spool in order, one report at a time.
      if (agent && report.seq <= agent.last_seq) {
        return { replayed: true, stored: [], duplicates: 0, increments: [] };
      }

      const increments: TotalIncrement[] = [];
      const stored = [];
      let duplicates = 0;
      for (const pull of report.pulls) {
        const result = this.statements.insertPull.run(toPullRow(report.node, pull, receivedAt));
        if (result.changes === 0) {
          duplicates += 1;
          continue;
        }
        stored.push(pull);
        increments.push(...planner.forPull(report.node, pull));
      }

      // The agent's counter restarts at zero with the agent process; a drop means a restart.
      const previousAmbiguous = agent?.ambiguous_lines ?? 0;
      const ambiguous = report.stats.ambiguousLines;
      const ambiguousDelta = ambiguous >= previousAmbiguous ? ambiguous - previousAmbiguous : ambiguous;
      if (ambiguousDelta > 0) {
        increments.push(...planner.forAmbiguousLines(report.node, ambiguousDelta));
      }

      for (const increment of increments) {
        this.statements.addTotal.run({ ...increment, labels: labelsKey(increment.labels) });
      }
      this.statements.upsertAgent.run({
        agentId: report.agentId,
        node: report.node,
        seq: report.seq,
        ambiguous,
        now: receivedAt,
      });
      this.statements.upsertNode.run({
        node: report.node,
        at: receivedAt,
        interval: report.intervalSeconds,
        version: report.agentVersion,
        role: report.role,
        agentId: report.agentId,
        stats: JSON.stringify(report.stats),
      });
      for (const [section, body] of Object.entries(report.findings ?? {})) {
        if (body !== undefined) {
          this.statements.upsertFindings.run(report.node, section, receivedAt, JSON.stringify(body));
        }
      }
      return { replayed: false, stored, duplicates, increments };
    });
    return apply.immediate();
  }

  listPulls(query: PullQuery): PullPage {
    const rows = this.db
      .prepare<unknown[], PullRow & { rowid: number }>(
        `SELECT rowid, * FROM pulls
         WHERE (@node IS NULL OR node = @node)
           AND (@image IS NULL OR image = @image OR image_name = @image)
           AND (@outcome IS NULL OR outcome = @outcome)
           AND (@since IS NULL OR seen_at >= @since)
           AND (@before IS NULL OR rowid < @before)
         ORDER BY rowid DESC
         LIMIT @limit`,
      )
      .all({
        node: query.node ?? null,
        image: query.image ?? null,
        outcome: query.outcome ?? null,
        since: query.since ?? null,
        before: query.before ?? null,
        limit: query.limit + 1,
      });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      pulls: page.map(fromPullRow),
      next: rows.length > query.limit && last ? last.rowid : null,
    };
  }

  pullsOfImages(query: ImagePullQuery): StoredPull[] {
    const rows = this.db
      .prepare<unknown[], PullRow>(
        `SELECT * FROM pulls
         WHERE seen_at >= @since
           AND (image_name IN (SELECT value FROM json_each(@references))
             OR image_digest IN (SELECT value FROM json_each(@digests))
             OR repo_digest_digest IN (SELECT value FROM json_each(@digests))
             OR image_id IN (SELECT value FROM json_each(@digests)))
         ORDER BY seen_at`,
      )
      .all({
        since: query.since,
        references: JSON.stringify(query.references),
        digests: JSON.stringify(query.digests),
      });
    return rows.map(fromPullRow);
  }

  pullsSince(since: number): StoredPull[] {
    const rows = this.db.prepare<[number], PullRow>('SELECT * FROM pulls WHERE seen_at >= ? ORDER BY seen_at').all(since);
    return rows.map(fromPullRow);
  }

  historyStartedAt(): number {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(HISTORY_STARTED_KEY);
    return Number(row?.value ?? 0);
  }

  nodes(): NodeReport[] {
    const rows = this.db
      .prepare<[], {
        node: string;
        last_report_at: number;
        interval_seconds: number;
        agent_version: string;
        role: string;
        agent_id: string;
        stats: string;
      }>('SELECT * FROM nodes ORDER BY node')
      .all();
    return rows.map((row) => ({
      node: row.node,
      lastReportAt: row.last_report_at,
      intervalSeconds: row.interval_seconds,
      agentVersion: row.agent_version,
      role: row.role as NodeReport['role'],
      agentId: row.agent_id,
      stats: JSON.parse(row.stats) as NodeReport['stats'],
    }));
  }

  latestFindings<K extends FindingsSection>(section: K): Map<string, NonNullable<NodeFindings[K]>> {
    const rows = this.db
      .prepare<[string], { node: string; body: string }>('SELECT node, body FROM findings WHERE section = ? ORDER BY node')
      .all(section);
    return new Map(rows.map((row) => [row.node, JSON.parse(row.body) as NonNullable<NodeFindings[K]>]));
  }

  totals(): TotalRow[] {
    const rows = this.db
      .prepare<[], { metric: string; labels: string; value: number; sum: number }>(
        'SELECT metric, labels, value, sum FROM metric_totals ORDER BY metric, labels',
      )
      .all();
    return rows.map((row) => ({ ...row, labels: JSON.parse(row.labels) as Record<string, string> }));
  }

  prunePulls(cutoff: number): number {
    const prune = this.db.transaction(() => {
      const deleted = this.db.prepare('DELETE FROM pulls WHERE seen_at < ?').run(cutoff).changes;
      // History is complete only from the cutoff on, so a verdict window reaching further is unknown.
      this.db
        .prepare('UPDATE meta SET value = ? WHERE key = ? AND CAST(value AS INTEGER) < ?')
        .run(String(cutoff), HISTORY_STARTED_KEY, cutoff);
      return deleted;
    });
    return prune.immediate();
  }

  ping(): boolean {
    try {
      return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.db.open) {
      this.db.close();
    }
  }
}
