import { createHash } from 'node:crypto';
import type { PullRecord } from '../../../wire/pull.js';

/** A valid pull record whose id is derived from `name`, for spool and reporter tests. */
export function pullRecord(name: string): PullRecord {
  return {
    id: createHash('sha256').update(name).digest('hex').slice(0, 32),
    image: `docker.io/library/${name}:1`,
    namespace: 'docker.io',
    outcome: 'success',
    servedBy: 'mirror',
    servedHost: '127.0.0.1:5000',
    attempts: [],
    failureCause: null,
    failureDetail: null,
    durationSeconds: 1.5,
    startedAt: '2026-01-01T00:00:00Z',
    endedAt: '2026-01-01T00:00:01.5Z',
    bytes: null,
    imageId: null,
    repoDigest: null,
    ambiguousLines: 0,
  };
}
