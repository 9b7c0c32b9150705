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

/** Maps a wire pull record to its row; unparseable times become null rather than failing the report. */
export function toPullRow(node: string, pull: PullRecord, receivedAt: number): PullRow {
  const reference = splitDigest(pull.image);
  const startedAt = parseTime(pull.startedAt);
  const endedAt = parseTime(pull.endedAt);
  return {
    id: pull.id,
    node,
    image: pull.image,
    image_name: reference.name,
    image_digest: reference.digest,
    namespace: pull.namespace,
    outcome: pull.outcome,
    served_by: pull.servedBy,
    served_host: pull.servedHost,
    failure_cause: pull.failureCause,
    failure_detail: pull.failureDetail,
    duration_seconds: pull.durationSeconds,
    started_at: startedAt,
    ended_at: endedAt,
    seen_at: endedAt ?? startedAt ?? receivedAt,
    bytes: pull.bytes,
    image_id: pull.imageId,
    repo_digest: pull.repoDigest,
    repo_digest_digest: pull.repoDigest === null ? null : splitDigest(pull.repoDigest).digest,
    attempts: JSON.stringify(pull.attempts),
    ambiguous_lines: pull.ambiguousLines,
    received_at: receivedAt,
  };
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
