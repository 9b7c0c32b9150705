import type { PullRecord } from '../../wire/pull.js';
import { splitDigest } from './image-ref.js';
import type { StoredPull } from './types.js';

/** Column values of one `pulls` row, named as the insert statement binds them. */
export interface PullRow {
  id: string;
  node: string;
  image: string;
  image_name: string;
  image_digest: string | null;
  namespace: string;
  outcome: string;
  served_by: string;
  served_host: string | null;
  failure_cause: string | null;
  failure_detail: string | null;
  duration_seconds: number | null;
  started_at: number | null;
  ended_at: number | null;
  seen_at: number;
  bytes: number | null;
  image_id: string | null;
  repo_digest: string | null;
  repo_digest_digest: string | null;
  attempts: string;
  ambiguous_lines: number;
  received_at: number;
}

/** Columns of the `pulls` insert, in the order `pullRowValues` returns their values. */
export const PULL_INSERT_COLUMNS = [
  'id', 'node', 'image', 'image_name', 'image_digest', 'namespace', 'outcome', 'served_by', 'served_host',
  'failure_cause', 'failure_detail', 'duration_seconds', 'started_at', 'ended_at', 'seen_at', 'bytes',
  'image_id', 'repo_digest', 'repo_digest_digest', 'attempts', 'ambiguous_lines', 'received_at',
] as const satisfies ReadonlyArray<keyof PullRow>;

/**
 * Maps a wire pull record to the values of its row, in PULL_INSERT_COLUMNS order; positional
 * binding is a third cheaper than named binding per insert. Unparseable times become null
 * rather than failing the report.
 */
export function pullRowValues(node: string, pull: PullRecord, receivedAt: number): unknown[] {
  const reference = splitDigest(pull.image);
  const startedAt = parseTime(pull.startedAt);
  const endedAt = parseTime(pull.endedAt);
  return [
    pull.id,
    node,
    pull.image,
    reference.name,
    reference.digest,
    pull.namespace,
    pull.outcome,
    pull.servedBy,
    pull.servedHost,
    pull.failureCause,
    pull.failureDetail,
    pull.durationSeconds,
    startedAt,
    endedAt,
    endedAt ?? startedAt ?? receivedAt,
    pull.bytes,
    pull.imageId,
    pull.repoDigest,
    pull.repoDigest === null ? null : splitDigest(pull.repoDigest).digest,
    JSON.stringify(pull.attempts),
    pull.ambiguousLines,
    receivedAt,
  ];
}

/** Maps a `pulls` row back to the stored pull. */
export function fromPullRow(row: PullRow): StoredPull {
  return {
    id: row.id,
    node: row.node,
    image: row.image,
    imageName: row.image_name,
    imageDigest: row.image_digest,
    namespace: row.namespace,
    outcome: row.outcome as StoredPull['outcome'],
    servedBy: row.served_by as StoredPull['servedBy'],
    servedHost: row.served_host,
    failureCause: row.failure_cause as StoredPull['failureCause'],
    failureDetail: row.failure_detail,
    durationSeconds: row.duration_seconds,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    seenAt: row.seen_at,
    bytes: row.bytes,
    imageId: row.image_id,
    repoDigest: row.repo_digest,
    attempts: JSON.parse(row.attempts) as StoredPull['attempts'],
    ambiguousLines: row.ambiguous_lines,
    receivedAt: row.received_at,
  };
}

function parseTime(value: string | null): number | null {
  if (value === null) {
    return null;
  }
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
