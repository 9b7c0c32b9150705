/**
 * Schema migrations, applied in order inside one transaction each. The database's
 * `user_version` pragma holds the number of migrations applied. Never edit a released step;
 * append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE pulls (
    id TEXT PRIMARY KEY,
    node TEXT NOT NULL,
    image TEXT NOT NULL,
    image_name TEXT NOT NULL,
    image_digest TEXT,
    namespace TEXT NOT NULL,
    outcome TEXT NOT NULL,
    served_by TEXT NOT NULL,
    served_host TEXT,
    failure_cause TEXT,
    failure_detail TEXT,
    duration_seconds REAL,
    started_at INTEGER,
    ended_at INTEGER,
    seen_at INTEGER NOT NULL,
    bytes INTEGER,
    image_id TEXT,
    repo_digest TEXT,
    repo_digest_digest TEXT,
    attempts TEXT NOT NULL,
    ambiguous_lines INTEGER NOT NULL,
    received_at INTEGER NOT NULL
  );
  CREATE INDEX pulls_seen_at ON pulls (seen_at);
  CREATE INDEX pulls_node ON pulls (node, seen_at);
  CREATE INDEX pulls_image_name ON pulls (image_name, seen_at);
  CREATE INDEX pulls_image_digest ON pulls (image_digest) WHERE image_digest IS NOT NULL;
  CREATE INDEX pulls_repo_digest ON pulls (repo_digest_digest) WHERE repo_digest_digest IS NOT NULL;
  CREATE INDEX pulls_image_id ON pulls (image_id) WHERE image_id IS NOT NULL;

  CREATE TABLE agents (
    agent_id TEXT PRIMARY KEY,
    node TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    ambiguous_lines INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE nodes (
    node TEXT PRIMARY KEY,
    last_report_at INTEGER NOT NULL,
    interval_seconds REAL NOT NULL,
    agent_version TEXT NOT NULL,
    role TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    stats TEXT NOT NULL
  );

  CREATE TABLE findings (
    node TEXT NOT NULL,
    section TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (node, section)
  );

  CREATE TABLE metric_totals (
    metric TEXT NOT NULL,
    labels TEXT NOT NULL,
    value REAL NOT NULL,
    sum REAL NOT NULL,
    PRIMARY KEY (metric, labels)
  );
  `,
  // No query used these indexes. SQLite cannot match listPulls' optional filters
  // (`@node IS NULL OR ...`) to an index, so it walks rowids newest first, and the verdict and
  // the digest lookup read the seen_at window. Each index cost a B-tree write per stored pull,
  // the three digest ones on random pages.
  `
  DROP INDEX IF EXISTS pulls_node;
  DROP INDEX IF EXISTS pulls_image_name;
  DROP INDEX IF EXISTS pulls_image_digest;
  DROP INDEX IF EXISTS pulls_repo_digest;
  DROP INDEX IF EXISTS pulls_image_id;
  `,
  // Each commit appends the totals it adds here, at the table's end, instead of updating rows
  // spread over metric_totals. The writer folds these rows into metric_totals in bulk
  // (totals-fold.ts).
  `
  CREATE TABLE metric_deltas (
    metric TEXT NOT NULL,
    labels TEXT NOT NULL,
    value REAL NOT NULL,
    sum REAL NOT NULL
  );
  `,
  // Pull ids are random and unique per node (the agent hashes the node name into them). Keyed
  // by id alone, a batch of reports inserted into pages all over the index. Keyed by (node,
  // start time, id), a node's pulls sit together in start order, so a batch writes a few index
  // pages per node. The start time is an input of the id, so a pull sent twice keeps its key.
  // A missing start time counts as 0, because SQLite treats NULLs as distinct in a unique
  // index. Rowids are kept, so page cursors of the pulls API stay valid.
  `
  CREATE TABLE pulls_by_node (
    id TEXT NOT NULL,
    node TEXT NOT NULL,
    image TEXT NOT NULL,
    image_name TEXT NOT NULL,
    image_digest TEXT,
    namespace TEXT NOT NULL,
    outcome TEXT NOT NULL,
    served_by TEXT NOT NULL,
    served_host TEXT,
    failure_cause TEXT,
    failure_detail TEXT,
    duration_seconds REAL,
    started_at INTEGER,
    ended_at INTEGER,
    seen_at INTEGER NOT NULL,
    bytes INTEGER,
    image_id TEXT,
    repo_digest TEXT,
    repo_digest_digest TEXT,
    attempts TEXT NOT NULL,
    ambiguous_lines INTEGER NOT NULL,
    received_at INTEGER NOT NULL
  );
  INSERT INTO pulls_by_node (rowid, id, node, image, image_name, image_digest, namespace, outcome, served_by, served_host, failure_cause, failure_detail, duration_seconds, started_at, ended_at, seen_at, bytes, image_id, repo_digest, repo_digest_digest, attempts, ambiguous_lines, received_at)
    SELECT rowid, id, node, image, image_name, image_digest, namespace, outcome, served_by, served_host, failure_cause, failure_detail, duration_seconds, started_at, ended_at, seen_at, bytes, image_id, repo_digest, repo_digest_digest, attempts, ambiguous_lines, received_at FROM pulls;
  DROP TABLE pulls;
  ALTER TABLE pulls_by_node RENAME TO pulls;
  CREATE UNIQUE INDEX pulls_key ON pulls (node, ifnull(started_at, 0), id);
  CREATE INDEX pulls_seen_at ON pulls (seen_at);
  `,
  // Histogram sums were stored in seconds, whose floating-point additions round differently in
  // another order, so a restart could move a live _sum. They are whole microseconds from now on.
  `
  UPDATE metric_totals SET sum = round(sum * 1000000) WHERE sum != 0;
  UPDATE metric_deltas SET sum = round(sum * 1000000) WHERE sum != 0;
  `,
];
