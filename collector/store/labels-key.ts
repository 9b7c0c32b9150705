/** Canonical JSON of a label set (sorted keys), the key of a stored metric total. */
export function labelsKey(labels: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((name) => [name, labels[name]]);
  return JSON.stringify(Object.fromEntries(sorted));
}

/** Distinct label sets remembered before the cache starts over; about the series of 1,000 nodes. */
const MAX_CACHED_LABEL_SETS = 200_000;

/**
 * Remembers the canonical key of each label set seen, keyed by the label values in the order
 * given, because every batch upserts mostly the same series again.
 */
export class LabelsKeyCache {
  private readonly keys = new Map<string, string>();

  of(labels: Readonly<Record<string, string>>): string {
    let lookup = '';
    for (const name in labels) {
      const value = labels[name] ?? '';
      lookup += `|${name}=${value.length}:${value}`;
    }
    const cached = this.keys.get(lookup);
    if (cached !== undefined) {
      return cached;
    }

    if (this.keys.size >= MAX_CACHED_LABEL_SETS) {
      this.keys.clear();
    }
    const key = labelsKey(labels);
    this.keys.set(lookup, key);
    return key;
  }
}
