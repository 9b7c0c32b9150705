import type { ImageRef } from '../../core/image-ref.js';
import type { Attempt, FailureCause, PullOutcome, PullRecord, ServedBy } from '../../wire/pull.js';
import { defaultUpstream } from './hosts-toml.js';
import { elapsedMs, formatLogTime, type LogTime } from './log-time.js';
import type { NamespaceHosts } from './types.js';

/** A pull the tracker has seen begin (or seen mid-way) and not yet end. */
export interface InFlightPull {
  ref: ImageRef;
  /** A `PullImage "REF"` line was seen; false when the record starts mid-pull. */
  sawStart: boolean;
  /** Record id, derived from node, image, start time and the first line when the pull began. */
  id: string;
  /** Source position of the line before the first line, the place to resume from. */
  positionBefore: string | null;
  startTime: LogTime | null;
  lastTime: LogTime | null;
  /** Line time of the last line, or the wall clock when lines carry no time. */
  lastActivityMs: number;
  hosts: NamespaceHosts;
  attempts: Attempt[];
  servedEvidence: string | null;
  ambiguousLines: number;
  pulled: boolean;
  stored: boolean;
  stopped: boolean;
  /** `cancel pulling image ... because of no progress`: containerd gave up on a stalled pull. */
  canceledForNoProgress: boolean;
  reportedSeconds: number | null;
  bytesRead: number | null;
  imageSize: number | null;
  imageId: string | null;
  repoDigest: string | null;
}

// Wire bounds of PullRecordSchema: a longer value from a hostile line would make the collector reject the whole report.
const MAX_HOST_CHARS = 512;
const MAX_IMAGE_ID_CHARS = 128;
const MAX_REPO_DIGEST_CHARS = 1024;

export interface PullEnd {
  outcome: PullOutcome;
  time: LogTime | null;
  failureCause: FailureCause | null;
  failureDetail: string | null;
}

/** Returns the hosts containerd uses to resolve a tag, in order, because pull-only hosts get no manifest request. */
export function resolveHosts(pull: InFlightPull): NamespaceHosts['hosts'] {
  return pull.hosts.hosts.filter((host) => host.capabilities.includes('resolve'));
}

/** True when every resolve host already failed, which means containerd must fail the pull. */
export function allHostsFailed(pull: InFlightPull): boolean {
  const hosts = resolveHosts(pull);
  return hosts.length > 0 && hosts.every((host) => pull.attempts.some((attempt) => attempt.host === host.host));
}

/** Builds the wire record for a pull that ended. */
export function buildRecord(node: string, pull: InFlightPull, end: PullEnd): PullRecord {
  const startedAt = pull.startTime ? formatLogTime(pull.startTime) : null;
  const served = end.outcome === 'failure' ? { by: 'unknown' as const, host: null } : servedHost(pull, end.outcome);

  return {
    id: pull.id,
    image: pull.ref.normalized,
    namespace: pull.ref.registry,
    outcome: end.outcome,
    servedBy: served.by,
    servedHost: served.host !== null && served.host.length <= MAX_HOST_CHARS ? served.host : null,
    attempts: pull.attempts.slice(0, 64),
    failureCause: end.failureCause,
    failureDetail: end.failureDetail === null ? null : end.failureDetail.slice(0, 4096),
    durationSeconds: end.outcome === 'abandoned' ? null : duration(pull, end.time),
    startedAt,
    endedAt: end.time ? formatLogTime(end.time) : null,
    bytes: pull.bytesRead ?? pull.imageSize,
    imageId: withinLength(pull.imageId, MAX_IMAGE_ID_CHARS),
    repoDigest: withinLength(pull.repoDigest, MAX_REPO_DIGEST_CHARS),
    ambiguousLines: pull.ambiguousLines,
  };
}

/**
 * Finds the host that served the pull. Debug lines name it. Otherwise it is the first resolve host, in
 * hosts.toml order, with no failure line for this pull. When the record started mid-pull,
 * earlier failure lines are missing, so only the last host is certain.
 */
function servedHost(pull: InFlightPull, outcome: PullOutcome): { by: ServedBy; host: string | null } {
  if (pull.servedEvidence !== null) {
    return { by: roleOf(pull, pull.servedEvidence), host: pull.servedEvidence };
  }
  if (outcome !== 'success') {
    return { by: 'unknown', host: null };
  }

  const hosts = resolveHosts(pull);
  const index = hosts.findIndex((host) => !pull.attempts.some((attempt) => attempt.host === host.host));
  const candidate = hosts[index];
  if (!candidate || (!pull.sawStart && index !== hosts.length - 1)) {
    return { by: 'unknown', host: null };
  }
  return { by: candidate.role, host: candidate.host };
}

function roleOf(pull: InFlightPull, host: string): ServedBy {
  const listed = pull.hosts.hosts.find((entry) => entry.host === host);
  if (listed) {
    return listed.role;
  }
  return defaultUpstream(pull.ref.registry).host === host ? 'upstream' : 'unknown';
}

/** containerd's own `in DURATION` when printed, else the span between the pull's own timestamps. */
function duration(pull: InFlightPull, end: LogTime | null): number | null {
  if (pull.reportedSeconds !== null) {
    return pull.reportedSeconds;
  }
  if (!pull.sawStart || !pull.startTime || !end) {
    return null;
  }
  return Math.max(0, elapsedMs(pull.startTime, end) / 1000);
}

/** Drops a value longer than the wire allows; a cut digest would be wrong, so it becomes null. */
function withinLength(value: string | null, max: number): string | null {
  return value !== null && value.length <= max ? value : null;
}
