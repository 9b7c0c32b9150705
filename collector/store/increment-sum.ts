import type { TotalIncrement } from './types.js';

/**
 * Sums metric increments per (metric, label set), so a batch of reports upserts each total
 * once and live counters are bumped once per series. Label sets are grouped in the key order
 * the planner wrote them; a set written in two orders is summed twice but still lands on the
 * same stored total, because the upsert key is the canonical label JSON.
 */
export class IncrementSum {
  private readonly sums = new Map<string, TotalIncrement>();

  add(increment: TotalIncrement): void {
    const key = groupKey(increment);
    const current = this.sums.get(key);
    if (current) {
      current.value += increment.value;
      current.sum += increment.sum;
      return;
    }
    this.sums.set(key, { metric: increment.metric, labels: increment.labels, value: increment.value, sum: increment.sum });
  }

  addAll(increments: readonly TotalIncrement[]): void {
    for (const increment of increments) {
      this.add(increment);
    }
  }

  /** The summed increments, one per distinct (metric, label set), in first-seen order. */
  list(): TotalIncrement[] {
    return [...this.sums.values()];
  }

  get size(): number {
    return this.sums.size;
  }
}

// JSON keeps any label value unambiguous; keys are not sorted, which costs only a split group.
function groupKey({ metric, labels }: TotalIncrement): string {
  return metric + JSON.stringify(labels);
}
