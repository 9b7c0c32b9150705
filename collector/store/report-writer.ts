import type Database from 'better-sqlite3';
import type { FindingsSection } from '../../wire/findings.js';
import type { PullRecord } from '../../wire/pull.js';
import type { Report } from '../../wire/report.js';
import type { ItemResult } from './group-commit.js';
import { IncrementSum } from './increment-sum.js';
import { LabelsKeyCache } from './labels-key.js';
import { toPullRow, type PullRow } from './pull-rows.js';
import type { ReportOutcome, TotalsPlanner } from './types.js';

/** One report waiting for the next batch commit. */
export interface PendingReport {
  report: Report;
  receivedAt: number;
  planner: TotalsPlanner;
}

/** A findings snapshot the batch stored, to publish once the transaction has committed. */
export interface StoredFindings {
  node: string;
  section: FindingsSection;
  body: unknown;
}


/**
 * Writes batches of reports in one IMMEDIATE transaction. Each report runs in its own
 * savepoint, so a report that fails rolls back alone while the rest of the batch commits.
 * Metric totals of the whole batch are summed and upserted once per series at the end.
 */
export class ReportWriter {
  private readonly statements;
  private readonly labelsKeys = new LabelsKeyCache();

  constructor(private readonly db: Database.Database) {
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
      addTotal: db.prepare<[string, string, number, number]>(
        `INSERT INTO metric_totals (metric, labels, value, sum) VALUES (?, ?, ?, ?)
         ON CONFLICT (metric, labels) DO UPDATE SET value = value + excluded.value, sum = sum + excluded.sum`,
      ),
      upsertNode: db.prepare(
        `INSERT INTO nodes (node, last_report_at, interval_seconds, agent_version, role, agent_id, stats)
         VALUES (@node, @at, @interval, @version, @role, @agentId, @stats)
         ON CONFLICT (node) DO UPDATE SET last_report_at = excluded.last_report_at,
           interval_seconds = excluded.interval_seconds, agent_version = excluded.agent_version,
           role = excluded.role, agent_id = excluded.agent_id, stats = excluded.stats`,
      ),
      upsertFindings: db.prepare<[string, string, number, string]>(
        `INSERT INTO findings (node, section, received_at, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (node, section) DO UPDATE SET received_at = excluded.received_at, body = excluded.body`,
      ),
    };
  }

  /**
   * Stores `batch` in one transaction and returns one result per report, in order, and the
   * findings snapshots stored. Throws when the transaction itself fails; then nothing is stored.
   */
  writeBatch(batch: readonly PendingReport[]): { results: ItemResult<ReportOutcome>[]; findings: StoredFindings[] } {
    const results: ItemResult<ReportOutcome>[] = [];
    const findings: StoredFindings[] = [];
    const totals = new IncrementSum();
    const applyOne = this.db.transaction((pending: PendingReport) => this.applyOne(pending, findings));

    const write = this.db.transaction(() => {
      for (const pending of batch) {
        const findingsBefore = findings.length;
        try {
          const outcome = applyOne(pending);
          totals.addAll(outcome.increments);
          results.push({ ok: true, value: outcome });
        } catch (error) {
          findings.length = findingsBefore;
          // Some errors (disk full, I/O) make SQLite roll back the whole transaction. Later
          // statements would then autocommit one by one, so the whole batch fails instead.
          if (!this.db.inTransaction) {
            throw error;
          }
          results.push({ ok: false, error });
        }
      }

      for (const { metric, labels, value, sum } of totals.list()) {
        this.statements.addTotal.run(metric, this.labelsKeys.of(labels), value, sum);
      }
    });

    write.immediate();
    return { results, findings };
  }

  private applyOne({ report, receivedAt, planner }: PendingReport, findings: StoredFindings[]): ReportOutcome {
    const agent = this.statements.agent.get(report.agentId);
    // NOTE: an older seq arriving after a newer one is also treated as replayed; this
    // assumes the agent sends its spool in order, one report at a time.
    if (agent && report.seq <= agent.last_seq) {
      return { replayed: true, stored: [], duplicates: 0, increments: [] };
    }

    // The report's own increments are summed too, so live counters are bumped once per series.
    const increments = new IncrementSum();
    const stored: PullRecord[] = [];
    let duplicates = 0;
    for (const pull of report.pulls) {
      const result = this.statements.insertPull.run(toPullRow(report.node, pull, receivedAt));
      if (result.changes === 0) {
        duplicates += 1;
        continue;
      }
      stored.push(pull);
      increments.addAll(planner.forPull(report.node, pull));
    }

    // The agent's counter restarts at zero with the agent process; a drop means a restart.
    const previousAmbiguous = agent?.ambiguous_lines ?? 0;
    const ambiguous = report.stats.ambiguousLines;
    const ambiguousDelta = ambiguous >= previousAmbiguous ? ambiguous - previousAmbiguous : ambiguous;
    if (ambiguousDelta > 0) {
      increments.addAll(planner.forAmbiguousLines(report.node, ambiguousDelta));
    }

    this.statements.upsertAgent.run({ agentId: report.agentId, node: report.node, seq: report.seq, ambiguous, now: receivedAt });
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
        findings.push({ node: report.node, section: section as FindingsSection, body });
      }
    }
    return { replayed: false, stored, duplicates, increments: increments.list() };
  }
}
