import { createHash } from 'node:crypto';
import type { PullRecord } from '../../wire/pull.js';
import type { Report } from '../../wire/report.js';

/** Deterministic 32-hex pull id for a test label. */
export function pullId(label: string): string {
  return createHash('md5').update(label).digest('hex');
}

/** Builds a successful mirror pull; `overrides` replace any field. */
export function makePull(label: string, overrides: Partial<PullRecord> = {}): PullRecord {
  return {
    id: pullId(label),
    image: 'docker.io/library/nginx:1.25',
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
    bytes: 1024,
    imageId: 'sha256:' + 'a'.repeat(64),
    repoDigest: 'docker.io/library/nginx@sha256:' + 'b'.repeat(64),
    ambiguousLines: 0,
    ...overrides,
  };
}

/** Builds a report from `node-1` with seq 1 and no pulls; `overrides` replace any field. */
export function makeReport(overrides: Partial<Report> = {}): Report {
  return {
    node: 'node-1',
    agentId: '0123456789abcdef',
    seq: 1,
    intervalSeconds: 15,
    sentAt: '2026-01-01T00:00:05Z',
    agentVersion: '0.1.0',
    role: 'node',
    pulls: [],
    stats: { linesRead: 10, parseErrors: 0, ambiguousLines: 0, droppedPulls: 0 },
    ...overrides,
  };
}
