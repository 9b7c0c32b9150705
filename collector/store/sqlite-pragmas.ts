import type Database from 'better-sqlite3';

/** Page cache per connection in KiB (a negative cache_size is KiB): room for the hot index pages of the pulls table. */
const CACHE_KIB = 32 * 1024;

/**
 * WAL pages after which a commit checkpoints them into the database file. The default 1000
 * (4 MiB at 4 KiB pages) checkpointed every few reports under load and rewrote the same hot
 * pages each time; 10000 bounds the WAL near 40 MiB between checkpoints.
 * NOTE: the checkpoint runs inside a commit and blocks the event loop while it writes and
 * fsyncs; the ingest bench's rare multi-second max latency may come from it (not verified).
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * Sets the connection's journal and durability pragmas.
 *
 * synchronous=FULL in WAL mode fsyncs the WAL at every commit, so a report acknowledged after
 * its commit survives power loss. NORMAL fsyncs only at checkpoints, so power loss (not a process
 * crash) would lose acknowledged commits since the last checkpoint. Group commit keeps FULL
 * cheap, because one fsync covers every report of a batch.
 */
export function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
}
