import type { PullRecord } from '../../wire/pull.js';
import { splitDigest } from '../store/image-ref.js';
import type { TotalIncrement, TotalsPlanner } from '../store/types.js';
import { MICROSECONDS_PER_SECOND } from './stored-histogram.js';

/** Upper bounds in seconds: a cached layer set resolves in 0.1 s, a large image over a slow link takes minutes. */
export const PULL_DURATION_BUCKETS: readonly number[] = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** Keys of the persisted totals, one per pull-derived metric. */
export const TOTAL = {
  pulls: 'image_pulls',
  duration: 'image_pull_duration',
  results: 'image_pull_results',
  fallbacks: 'mirror_fallbacks',
  ambiguousLines: 'pull_ambiguous_lines',
} as const;

/** `cause` label of a pull that did not fail. */
export const NO_CAUSE = 'none';

/** Returns the `le` label of the bucket a duration falls in (`+Inf` above the last bound). */
export function bucketOf(seconds: number): string {
  const bound = PULL_DURATION_BUCKETS.find((upper) => seconds <= upper);
  return bound === undefined ? '+Inf' : String(bound);
}

/** Plans the metric totals each newly stored pull adds; pure, so it runs inside the store's transaction. */
export const pullTotalsPlanner: TotalsPlanner = {
  forPull(node: string, pull: PullRecord): TotalIncrement[] {
    const increments: TotalIncrement[] = [
      {
        metric: TOTAL.pulls,
        labels: { node, namespace: pull.namespace, served_by: pull.servedBy, outcome: pull.outcome },
        value: 1,
        sum: 0,
      },
      {
        metric: TOTAL.results,
        labels: { image: splitDigest(pull.image).name, outcome: pull.outcome, cause: pull.failureCause ?? NO_CAUSE },
        value: 1,
        sum: 0,
      },
    ];

    if (pull.durationSeconds !== null) {
      increments.push({
        metric: TOTAL.duration,
        labels: { node, served_by: pull.servedBy, le: bucketOf(pull.durationSeconds) },
        value: 1,
        sum: Math.round(pull.durationSeconds * MICROSECONDS_PER_SECOND),
      });
    }

    for (const attempt of pull.attempts) {
      increments.push({
        metric: TOTAL.fallbacks,
        labels: { node, namespace: pull.namespace, host: attempt.host, cause: attempt.cause },
        value: 1,
        sum: 0,
      });
    }
    return increments;
  },

  forAmbiguousLines(node: string, delta: number): TotalIncrement[] {
    return [{ metric: TOTAL.ambiguousLines, labels: { node }, value: delta, sum: 0 }];
  },
};
