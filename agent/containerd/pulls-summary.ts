import { percentiles } from '../../core/percentiles.js';
import type { FailureCause, PullRecord } from '../../wire/pull.js';
import type { TrackerStats } from './types.js';

/** Totals over a set of pull records, as `gapwatch pulls` prints them. */
export interface PullsSummary {
  pulls: number;
  mirrorHits: number;
  upstream: number;
  unknownServer: number;
  failures: number;
  abandoned: number;
  failuresByCause: Partial<Record<FailureCause, number>>;
  /** Seconds; null without durations. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  malformedLines: number;
  ambiguousLines: number;
}

export function summarizePulls(records: readonly PullRecord[], stats: TrackerStats): PullsSummary {
  const failuresByCause: Partial<Record<FailureCause, number>> = {};
  for (const record of records) {
    if (record.outcome === 'failure' && record.failureCause) {
      failuresByCause[record.failureCause] = (failuresByCause[record.failureCause] ?? 0) + 1;
    }
  }

  const completed = records.filter((record) => record.outcome === 'success');
  const durations = records.flatMap((record) => (record.durationSeconds === null ? [] : [record.durationSeconds]));
  const [p50 = null, p95 = null, p99 = null] = percentiles(durations, [0.5, 0.95, 0.99]);

  return {
    pulls: records.length,
    mirrorHits: completed.filter((record) => record.servedBy === 'mirror').length,
    upstream: completed.filter((record) => record.servedBy === 'upstream').length,
    unknownServer: completed.filter((record) => record.servedBy === 'unknown').length,
    failures: records.filter((record) => record.outcome === 'failure').length,
    abandoned: records.filter((record) => record.outcome === 'abandoned').length,
    failuresByCause,
    p50,
    p95,
    p99,
    malformedLines: stats.malformedLines,
    ambiguousLines: stats.ambiguousLines,
  };
}

/** Renders records as an aligned text table followed by the summary. */
export function formatPullsTable(records: readonly PullRecord[], summary: PullsSummary): string {
  const header = ['TIME', 'IMAGE', 'OUTCOME', 'SERVED BY', 'ATTEMPTS', 'DURATION'];
  const rows = records.map((record) => [
    record.startedAt ?? '-',
    record.image,
    record.outcome === 'failure' ? `failure (${record.failureCause ?? 'other'})` : record.outcome,
    record.servedHost ? `${record.servedBy} ${record.servedHost}` : record.servedBy,
    record.attempts.map((attempt) => `${attempt.host}:${attempt.cause}`).join(', ') || '-',
    record.durationSeconds === null ? '-' : formatSeconds(record.durationSeconds),
  ]);

  // reduce, not Math.max(...rows): spreading 100,000+ rows overflows the call stack.
  const widths = header.map((title, column) => rows.reduce((width, row) => Math.max(width, (row[column] ?? '').length), title.length));
  const render = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();

  const causes = Object.entries(summary.failuresByCause)
    .map(([cause, count]) => `${cause} ${count}`)
    .join(', ');
  const lines = [render(header)];
  for (const row of rows) {
    lines.push(render(row));
  }
  lines.push(
    '',
    `pulls ${summary.pulls}: mirror ${summary.mirrorHits}, upstream ${summary.upstream}, server unknown ${summary.unknownServer}, failed ${summary.failures}, abandoned ${summary.abandoned}`,
    `failures by cause: ${causes || 'none'}`,
    `duration p50 ${formatOptional(summary.p50)}, p95 ${formatOptional(summary.p95)}, p99 ${formatOptional(summary.p99)}`,
    `malformed lines ${summary.malformedLines}, ambiguous host lines ${summary.ambiguousLines}`,
  );
  return `${lines.join('\n')}\n`;
}

function formatOptional(seconds: number | null): string {
  return seconds === null ? '-' : formatSeconds(seconds);
}

function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${(seconds * 1000).toFixed(1)}ms` : `${seconds.toFixed(3)}s`;
}
