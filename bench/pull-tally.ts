import type { FailureCause, PullOutcome, PullRecord, ServedBy } from '../wire/pull.js';

/** Pull records counted the way the fixture's expected reading counts them. */
export interface PullCounts {
  pulls: number;
  outcomes: Record<PullOutcome, number>;
  servedBy: Record<ServedBy, number>;
  failureCauses: Partial<Record<FailureCause, number>>;
}

export function emptyPullCounts(): PullCounts {
  return { pulls: 0, outcomes: { success: 0, failure: 0, abandoned: 0 }, servedBy: { mirror: 0, upstream: 0, unknown: 0 }, failureCauses: {} };
}

/** Adds records to `counts` in place. */
export function countPulls(counts: PullCounts, records: readonly PullRecord[]): void {
  for (const record of records) {
    counts.pulls++;
    counts.outcomes[record.outcome]++;
    counts.servedBy[record.servedBy]++;
    if (record.failureCause) {
      counts.failureCauses[record.failureCause] = (counts.failureCauses[record.failureCause] ?? 0) + 1;
    }
  }
}

/** Lists every count that differs between what was read and what the fixture contains, empty when they agree. */
export function comparePullCounts(read: PullCounts, expected: PullCounts): string[] {
  const differences: string[] = [];
  const check = (name: string, got: number | undefined, want: number | undefined) => {
    if ((got ?? 0) !== (want ?? 0)) {
      differences.push(`${name}: read ${got ?? 0}, expected ${want ?? 0}`);
    }
  };

  check('pulls', read.pulls, expected.pulls);
  for (const key of Object.keys(expected.outcomes) as PullOutcome[]) {
    check(`outcome ${key}`, read.outcomes[key], expected.outcomes[key]);
  }
  for (const key of Object.keys(expected.servedBy) as ServedBy[]) {
    check(`served by ${key}`, read.servedBy[key], expected.servedBy[key]);
  }
  const causes = new Set([...Object.keys(read.failureCauses), ...Object.keys(expected.failureCauses)]) as Set<FailureCause>;
  for (const cause of causes) {
    check(`failure cause ${cause}`, read.failureCauses[cause], expected.failureCauses[cause]);
  }
  return differences;
}
