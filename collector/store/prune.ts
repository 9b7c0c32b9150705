import type Database from 'better-sqlite3';

/** `meta` key of the time from which pull history is complete. */
export const HISTORY_STARTED_KEY = 'history_started_at';

/**
 * Deletes pulls seen before `cutoff` and moves the history start to it, in one transaction;
 * returns how many pulls were deleted. Metric totals stay: they count every pull ever stored.
 */
export function pruneHistory(db: Database.Database, cutoff: number): number {
  const deletePulls = db.prepare<[number]>('DELETE FROM pulls WHERE seen_at < ?');
  const moveStart = db.prepare<[string, string, number]>('UPDATE meta SET value = ? WHERE key = ? AND CAST(value AS INTEGER) < ?');
  const prune = db.transaction(() => {
    const deleted = deletePulls.run(cutoff).changes;
    // History is complete only from the cutoff on, so a verdict window reaching further is unknown.
    moveStart.run(String(cutoff), HISTORY_STARTED_KEY, cutoff);
    return deleted;
  });
  return prune.immediate();
}
