import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import { isGapwatchError } from '../../core/errors.js';
import { silentLogger, type Logger } from '../../core/log.js';
import type { FindingsSection, NodeFindings } from '../../wire/findings.js';
import type { Report } from '../../wire/report.js';
import { collectorError } from '../errors.js';
import { fileIdentity } from './file-identity.js';
import { FindingsCache } from './findings-cache.js';
import { GroupCommit, type ItemResult } from './group-commit.js';
import { MIGRATIONS } from './migrations.js';
import { HISTORY_STARTED_KEY } from './prune.js';
import { fromPullRow, type PullRow } from './pull-rows.js';
import type { PendingReport } from './report-writer.js';
import { TOTALS_QUERY } from './totals-fold.js';
import { applyPragmas } from './sqlite-pragmas.js';
import type {
  CollectorStore,
  FindingsListener,
  ImagePullQuery,
  NodeReport,
  PullPage,
  PullQuery,
  ReportOutcome,
  StoredPull,
  TotalRow,
  TotalsListener,
} from './types.js';
import { fromWireError } from './write-protocol.js';
import { WriteThread } from './write-thread.js';

/** Reports one transaction takes at most, so a burst cannot hold the write lock for long. */
const MAX_REPORTS_PER_COMMIT = 200;

type Db = Database.Database;

/**
 * Opens (creating and migrating when needed) the SQLite database at `file`, in WAL mode.
 * Queries run on this thread's connection. A worker thread with its own connection writes
 * reports and prunes, so storing does not block the event loop. WAL lets both work at once.
 */
export function openSqliteStore(file: string, clock: Clock, logger: Logger = silentLogger()): CollectorStore {
  if (file === ':memory:') {
    // Each connection would get its own empty in-memory database.
    throw collectorError('GW_STORE_OPEN', { file, reason: 'an in-memory database cannot be shared with the writer thread; give a file path' });
  }
  let db: Db;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    applyPragmas(db);
  } catch (err) {
    throw collectorError('GW_STORE_OPEN', { file, reason: (err as Error).message }, err);
  }
  try {
    migrate(db, file);
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(HISTORY_STARTED_KEY, String(clock.now()));
    return new SqliteStore(db, file, new WriteThread(file, clock, logger.child({ component: 'store' })));
  } catch (err) {
    db.close();
    // A read-only file or directory fails here, at the first write, not when opening.
    throw isGapwatchError(err) ? err : collectorError('GW_STORE_OPEN', { file, reason: (err as Error).message }, err);
  }
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

class SqliteStore implements CollectorStore {
  private readonly commits: GroupCommit<PendingReport, ReportOutcome>;
  private readonly findings = new FindingsCache();
  private readonly findingsListeners: FindingsListener[] = [];
  private readonly totalsListeners: TotalsListener[] = [];
  private readonly statements;
  private closing: Promise<void> | null = null;

  private readonly openedFile: string | null;

  constructor(
    private readonly db: Db,
    private readonly file: string,
    private readonly writer: WriteThread,
  ) {
    this.openedFile = fileIdentity(file);
    this.commits = new GroupCommit((batch) => this.writeBatch(batch), MAX_REPORTS_PER_COMMIT);
    this.statements = {
      listPulls: db.prepare<unknown[], PullRow & { rowid: number }>(
        `SELECT rowid, * FROM pulls
         WHERE (@node IS NULL OR node = @node)
           AND (@image IS NULL OR image = @image OR image_name = @image)
           AND (@outcome IS NULL OR outcome = @outcome)
           AND (@since IS NULL OR seen_at >= @since)
           AND (@before IS NULL OR rowid < @before)
         ORDER BY rowid DESC
         LIMIT @limit`,
      ),
      // Served by the seen_at index: digests are matched while scanning the window, because
      // indexes on the random digest columns cost a page write per stored pull.
      pullsOfImages: db.prepare<unknown[], PullRow>(
        `SELECT * FROM pulls
         WHERE seen_at >= @since
           AND (image_name IN (SELECT value FROM json_each(@references))
             OR image_digest IN (SELECT value FROM json_each(@digests))
             OR repo_digest_digest IN (SELECT value FROM json_each(@digests))
             OR image_id IN (SELECT value FROM json_each(@digests)))
         ORDER BY seen_at`,
      ),
      pullsSince: db.prepare<[number], PullRow>('SELECT * FROM pulls WHERE seen_at >= ? ORDER BY seen_at'),
      meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      nodes: db.prepare<[], NodeRow>('SELECT * FROM nodes ORDER BY node'),
      findings: db.prepare<[], { node: string; section: string; body: string }>('SELECT node, section, body FROM findings ORDER BY node'),
      totals: db.prepare<[], { metric: string; labels: string; value: number; sum: number }>(TOTALS_QUERY),
      ping: db.prepare('SELECT 1 AS ok'),
    };
    for (const row of this.statements.findings.all()) {
      this.findings.set(row.node, row.section as FindingsSection, JSON.parse(row.body));
    }
  }

  applyReport(report: Report, receivedAt: number): Promise<ReportOutcome> {
    return this.commits.submit({ report, receivedAt });
  }

  private async writeBatch(batch: readonly PendingReport[]): Promise<ItemResult<ReportOutcome>[]> {
    const reply = await this.writer.request({ type: 'batch', batch });

    // Published here, before any ack, in the order the transaction applied them.
    for (const listener of this.totalsListeners) {
      listener(reply.totals);
    }
    return reply.results.map((result, index) => {
      if (!result.ok) {
        return { ok: false, error: fromWireError(result.error) };
      }
      const pending = batch[index];
      if (pending && !result.value.replayed) {
        this.publishFindings(pending.report);
      }
      return result;
    });
  }

  private publishFindings(report: Report): void {
    for (const [section, body] of Object.entries(report.findings ?? {})) {
      if (body === undefined) {
        continue;
      }
      this.findings.set(report.node, section as FindingsSection, body);
      for (const listener of this.findingsListeners) {
        listener(report.node, section as FindingsSection, body);
      }
    }
  }

  listPulls(query: PullQuery): PullPage {
    const rows = this.statements.listPulls.all({
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
    const rows = this.statements.pullsOfImages.all({
      since: query.since,
      references: JSON.stringify(query.references),
      digests: JSON.stringify(query.digests),
    });
    return rows.map(fromPullRow);
  }

  pullsSince(since: number): StoredPull[] {
    return this.statements.pullsSince.all(since).map(fromPullRow);
  }

  historyStartedAt(): number {
    const row = this.statements.meta.get(HISTORY_STARTED_KEY);
    return Number(row?.value ?? 0);
  }

  nodes(): NodeReport[] {
    return this.statements.nodes.all().map((row) => ({
      node: row.node,
      lastReportAt: row.last_report_at,
      intervalSeconds: row.interval_seconds,
      agentVersion: row.agent_version,
      role: row.role as NodeReport['role'],
      agentId: row.agent_id,
      stats: JSON.parse(row.stats) as NodeReport['stats'],
    }));
  }

  latestFindings<K extends FindingsSection>(section: K): ReadonlyMap<string, NonNullable<NodeFindings[K]>> {
    return this.findings.latest(section);
  }

  onFindingsStored(listener: FindingsListener): void {
    this.findingsListeners.push(listener);
  }

  totals(): TotalRow[] {
    return this.statements.totals.all().map((row) => ({ ...row, labels: JSON.parse(row.labels) as Record<string, string> }));
  }

  async prunePulls(cutoff: number): Promise<number> {
    const reply = await this.writer.request({ type: 'prune', cutoff });
    return reply.deleted;
  }

  ping(): boolean {
    // A deleted or replaced database file still serves queries through the open handle.
    if (fileIdentity(this.file) !== this.openedFile) {
      return false;
    }
    try {
      return this.statements.ping.get() !== undefined;
    } catch {
      return false;
    }
  }


  onTotalsCommitted(listener: TotalsListener): void {
    this.totalsListeners.push(listener);
  }

  /** Commits the reports still queued, so every pending promise settles, then closes both connections. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.commits.drain();
      await this.writer.close();
      this.db.close();
    })();
    return this.closing;
  }
}

interface NodeRow {
  node: string;
  last_report_at: number;
  interval_seconds: number;
  agent_version: string;
  role: string;
  agent_id: string;
  stats: string;
}
