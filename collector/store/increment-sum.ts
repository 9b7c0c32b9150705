import type { TotalIncrement } from './types.js';

/**
 * Sums metric increments per (metric, label set), so a batch of reports upserts each total
 * once and live counters are bumped once per series. Label sets are grouped in the key order
 * the planner wrote them. A set written in two orders forms two groups, which still add to
 * the same stored total, because the upsert key is the canonical label JSON.
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

  /** Returns the summed increments, one per distinct (metric, label set), in first-seen order. */
  list(): TotalIncrement[] {
    return [...this.sums.values()];
  }

  get size(): number {
    return this.sums.size;
  }
}

// Length prefixes keep any label value unambiguous without escaping it; keys are not sorted,
// which at worst splits one group in two.
function groupKey({ metric, labels }: TotalIncrement): string {
  let key = metric;
  for (const name in labels) {
    const value = labels[name] ?? '';
    key += `|${name}=${value.length}:${value}`;
  }
  return key;
}
