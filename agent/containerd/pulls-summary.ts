import { percentiles } from '../../core/percentiles.js';
import type { FailureCause, PullRecord } from '../../wire/pull.js';
import { parseLine } from './parse-line.js';
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
  linesRead: number;
  ignoredLines: number;
  malformedLines: number;
  ambiguousLines: number;
  /** Lines that parsed as containerd log entries, or null when not counted because a pull was found. */
  containerdLines: number | null;
}

/**
 * Sums up records and tracker counters. `containerdLines` separates a log without pulls from
 * input that is not a containerd log. Pass null when it was not counted.
 */
export function summarizePulls(records: readonly PullRecord[], stats: TrackerStats, containerdLines: number | null = null): PullsSummary {
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
    linesRead: stats.lines,
    ignoredLines: stats.ignoredLines,
    malformedLines: stats.malformedLines,
    ambiguousLines: stats.ambiguousLines,
    containerdLines,
  };
}

/** Counts lines that parse as containerd log entries, whatever their message. */
export function countContainerdLines(lines: readonly string[]): number {
  let count = 0;
  for (const line of lines) {
    if (parseLine(line).kind === 'entry') {
      count++;
    }
  }
  return count;
}

/**
 * Orders records by start time, records without one last, for the table whose first column is
 * that time. The tracker returns them in completion order. The sort is stable.
 */
export function sortByStartTime(records: readonly PullRecord[]): PullRecord[] {
  const startMs = (record: PullRecord) => (record.startedAt === null ? Number.NaN : Date.parse(record.startedAt));
  return [...records].sort((a, b) => {
    const aMs = startMs(a);
    const bMs = startMs(b);
    if (Number.isNaN(aMs) || Number.isNaN(bMs)) {
      return Number(Number.isNaN(aMs)) - Number(Number.isNaN(bMs));
    }
    // Equal milliseconds: RFC 3339 text in one format orders by its fraction digits.
    return aMs - bMs || (a.startedAt as string).localeCompare(b.startedAt as string);
  });
}

/** Rounds durationSeconds to microseconds, so JSON shows 1.2345 rather than 1.2345000000000002. */
export function roundDuration(record: PullRecord): PullRecord {
  if (record.durationSeconds === null) {
    return record;
  }
  return { ...record, durationSeconds: Math.round(record.durationSeconds * 1e6) / 1e6 };
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
    `lines read ${summary.linesRead}: ignored ${summary.ignoredLines}, malformed ${summary.malformedLines}, ambiguous host lines ${summary.ambiguousLines}`,
  );
  if (summary.containerdLines === 0 && summary.linesRead > 0) {
    lines.push('no line looked like a containerd log line: pass containerd\'s log as plain text, journalctl short output or journalctl -o json');
  }
  return `${lines.join('\n')}\n`;
}

function formatOptional(seconds: number | null): string {
  return seconds === null ? '-' : formatSeconds(seconds);
}

function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${(seconds * 1000).toFixed(1)}ms` : `${seconds.toFixed(3)}s`;
}
