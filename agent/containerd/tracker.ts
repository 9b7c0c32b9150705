import { systemClock, type Clock } from '../../core/clock.js';
import { parseImageRef, type ImageRef } from '../../core/image-ref.js';
import { RateLimitedLog, silentLogger, type Logger } from '../../core/log.js';
import type { PullRecord } from '../../wire/pull.js';
import { classifyFailure } from './failure-cause.js';
import { allHostsFailed, buildRecord, resolveHosts, type InFlightPull, type PullEnd } from './in-flight-pull.js';
import type { LogEntry } from './log-entry.js';
import { parseLine } from './parse-line.js';
import type { PendingLine } from './pending-line.js';
import { formatLogTime } from './log-time.js';
import { pullRecordId } from './pull-id.js';
import { readPullEvent, type PullEvent, type RequestTarget } from './pull-event.js';
import type { HostsResolver, PullTrackerApi, SourceLine, TrackerStats } from './types.js';

export interface PullTrackerOptions {
  node: string;
  hosts: HostsResolver;
  /** A pull with no line for this long becomes `abandoned`. */
  abandonAfterMs?: number;
  logger?: Logger;
  /** Stands in for line time when lines carry no timestamp. */
  clock?: Clock;
}

type RefEvent = Extract<PullEvent, { ref: string }>;

// Words every pull-related line contains; a line without any skips parsing. "mage" covers
// PullImage, Pulled image, ImageCreate, stop/cancel pulling image, progress for image pull and sandbox image.
const PULL_KEYWORDS = ['mage', 'trying next host', 'fetch failed', 'resolved', 'fetch response', '"MESSAGE":['];
/**
 * Checks whether a line can concern a pull: false means the tracker ignores it unparsed. It
 * also works on a whole `journalctl -o json` record, because the keywords contain no character
 * that JSON escapes and a byte-array MESSAGE always passes.
 */
export function mayConcernPull(text: string): boolean {
  return PULL_KEYWORD_PATTERN.test(text);
}

// One alternation scans the text once, where a loop of includes() scans it once per keyword.
const PULL_KEYWORD_PATTERN = new RegExp(PULL_KEYWORDS.map((keyword) => keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/** Lines about a pull that arrive just after its end (`stop pulling` after `failed`) are not a new pull. */
const TRAILING_LINE_WINDOW_MS = 10_000;
const LOG_INTERVAL_MS = 60_000;
/** In-flight pulls kept at most; beyond it the oldest is reported abandoned, so a flood of starts without ends keeps memory bounded. */
export const MAX_IN_FLIGHT_PULLS = 20_000;
/** Undecided host failure lines kept at most; beyond it the oldest is counted ambiguous. */
export const MAX_PENDING_LINES = 10_000;
/** Ended references remembered for the trailing-line window at most. */
const MAX_RECENTLY_ENDED = 4096;
/** Characters of a log value copied into a log message. */
const LOGGED_VALUE_CHARS = 256;

/**
 * Turns containerd log lines into pull records, keyed by normalised image reference. Host failure
 * lines name no image, so each goes to the one in-flight pull it can belong to. When several
 * could own it, it waits until the candidates' ends decide, or it counts as ambiguous.
 */
export class PullTracker implements PullTrackerApi {
  readonly stats: TrackerStats = {
    lines: 0,
    malformedLines: 0,
    ignoredLines: 0,
    ambiguousLines: 0,
    unattributedLines: 0,
    pullsStarted: 0,
    pullsCompleted: 0,
  };

  private readonly node: string;
  private readonly resolver: HostsResolver;
  private readonly abandonAfterMs: number;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly rateLimited: RateLimitedLog;
  /** In-flight pulls by normalised reference, oldest first. */
  private readonly inFlight = new Map<string, InFlightPull[]>();
  /** All in-flight pulls in start order, for resumePosition and expiry. */
  private readonly order = new Set<InFlightPull>();
  private readonly pending: PendingLine[] = [];
  private readonly recentlyEnded = new Map<string, number>();
  private lastPosition: string | null = null;
  private lastExpiryCheckMs = Number.NEGATIVE_INFINITY;

  constructor(options: PullTrackerOptions) {
    this.node = options.node;
    this.resolver = options.hosts;
    this.abandonAfterMs = options.abandonAfterMs ?? 5 * 60_000;
    this.clock = options.clock ?? systemClock;
    this.logger = (options.logger ?? silentLogger()).child({ component: 'pull-tracker', node: options.node });
    this.rateLimited = new RateLimitedLog(LOG_INTERVAL_MS, () => this.clock.now());
  }

  push(line: SourceLine): PullRecord[] {
    this.stats.lines++;
    const positionBefore = this.lastPosition;
    this.lastPosition = line.position;

    if (!mayConcernPull(line.text)) {
      this.stats.ignoredLines++;
      return [];
    }

    const parsed = parseLine(line.text);
    if (parsed.kind !== 'entry') {
      this.countUnread(parsed.kind, parsed.reason, line.position);
      return [];
    }
    const event = readPullEvent(parsed.entry);
    if (!event) {
      this.stats.ignoredLines++;
      return [];
    }

    const out: PullRecord[] = [];
    const lineTime = parsed.entry.time;
    // Both directions: one far-future line must not stop expiry for the lines after it.
    if (lineTime && Math.abs(lineTime.ms - this.lastExpiryCheckMs) >= 1000) {
      this.lastExpiryCheckMs = lineTime.ms;
      appendAll(out, this.expire(lineTime.ms));
    }
    this.apply(event, parsed.entry, line, positionBefore, out);
    return out;
  }

  /**
   * Abandons pulls idle for longer than the timeout, and pulls whose last line is dated more
   * than the timeout after `nowMs` (a far-future timestamp), which would otherwise never expire.
   */
  expire(nowMs: number): PullRecord[] {
    const out: PullRecord[] = [];
    for (const pull of [...this.order]) {
      if (Math.abs(nowMs - pull.lastActivityMs) > this.abandonAfterMs) {
        out.push(this.finishUnended(pull));
      }
    }
    return out;
  }

  flush(): PullRecord[] {
    const out: PullRecord[] = [];
    for (const pull of [...this.order]) {
      out.push(this.finishUnended(pull));
    }
    for (const line of this.pending.splice(0)) {
      this.settleAmbiguous(line);
    }
    return out;
  }

  resumePosition(): string | null {
    const oldest = this.order.values().next();
    return oldest.done ? this.lastPosition : oldest.value.positionBefore;
  }

  private apply(event: PullEvent, entry: LogEntry, line: SourceLine, positionBefore: string | null, out: PullRecord[]): void {
    if (event.type === 'host-failed') {
      this.attributeFailure(event.host, event.cause, event.detail, event.target, entry);
      return;
    }
    if (event.type === 'host-served') {
      const candidates = this.candidatesFor(event.host, event.target, false);
      if (candidates.length === 1 && candidates[0]) {
        candidates[0].servedEvidence = event.host;
        this.touch(candidates[0], entry);
      }
      return;
    }

    const ref = parseImageRef(event.ref);
    if (!ref) {
      this.stats.ignoredLines++;
      this.rateLimited.run('bad-ref', (suppressed) =>
        this.logger.warn(
          { ref: event.ref.slice(0, LOGGED_VALUE_CHARS), refLength: event.ref.length, position: line.position, suppressed },
          'log line names an invalid image reference; line skipped',
        ),
      );
      return;
    }
    this.applyRefEvent(event, ref, entry, line, positionBefore, out);
  }

  private applyRefEvent(
    event: RefEvent,
    ref: ImageRef,
    entry: LogEntry,
    line: SourceLine,
    positionBefore: string | null,
    out: PullRecord[],
  ): void {
    if (event.type === 'start') {
      this.begin(ref, true, entry, line, positionBefore, out);
      return;
    }

    let pull = this.inFlight.get(ref.normalized)?.[0];
    if (!pull) {
      const endedAt = this.recentlyEnded.get(ref.normalized);
      const sinceEnd = endedAt === undefined ? Number.POSITIVE_INFINITY : this.activityMs(entry) - endedAt;
      if (event.type === 'stored' || (sinceEnd >= 0 && sinceEnd <= TRAILING_LINE_WINDOW_MS)) {
        return;
      }
      pull = this.begin(ref, false, entry, line, positionBefore, out);
    }
    this.touch(pull, entry);

    switch (event.type) {
      case 'success':
        pull.imageId ??= event.imageId;
        out.push(this.end(pull, { outcome: 'success', time: entry.time, failureCause: null, failureDetail: null }));
        return;
      case 'failure':
      case 'sandbox-failed': {
        const cause = pull.canceledForNoProgress ? 'timeout' : classifyFailure(event.error);
        out.push(this.end(pull, { outcome: 'failure', time: entry.time, failureCause: cause, failureDetail: event.error }));
        return;
      }
      case 'pulled':
        pull.pulled = true;
        pull.imageId = event.imageId || pull.imageId;
        pull.repoDigest = event.repoDigest;
        pull.imageSize = event.size;
        pull.reportedSeconds = event.seconds;
        return;
      case 'stop':
        pull.stopped = true;
        pull.bytesRead = event.bytesRead;
        return;
      case 'cancel':
        pull.canceledForNoProgress ||= event.detail.includes('no progress');
        return;
      case 'stored':
        pull.stored = true;
        return;
      case 'progress':
        return;
    }
  }

  private begin(ref: ImageRef, sawStart: boolean, entry: LogEntry, line: SourceLine, positionBefore: string | null, out: PullRecord[]): InFlightPull {
    if (this.order.size >= MAX_IN_FLIGHT_PULLS) {
      this.evictOldest(out);
    }

    // The id is derived now, so a long first line is not kept in memory.
    const startedAt = entry.time ? formatLogTime(entry.time) : null;
    const pull: InFlightPull = {
      ref,
      sawStart,
      id: pullRecordId(this.node, ref.normalized, startedAt, line.text),
      positionBefore,
      startTime: entry.time,
      lastTime: entry.time,
      lastActivityMs: this.activityMs(entry),
      // containerd reads hosts.toml when a pull starts, so the list is taken now.
      hosts: this.resolver.resolve(ref.registry),
      attempts: [],
      servedEvidence: null,
      ambiguousLines: 0,
      pulled: false,
      stored: false,
      stopped: false,
      canceledForNoProgress: false,
      reportedSeconds: null,
      bytesRead: null,
      imageSize: null,
      imageId: null,
      repoDigest: null,
    };

    const list = this.inFlight.get(ref.normalized);
    if (list) {
      list.push(pull);
    } else {
      this.inFlight.set(ref.normalized, [pull]);
    }
    this.order.add(pull);
    this.stats.pullsStarted++;
    return pull;
  }

  private attributeFailure(host: string, cause: PullRecord['attempts'][number]['cause'], detail: string, target: RequestTarget | null, entry: LogEntry): void {
    const attempt = { host, cause, detail: detail.slice(0, 4096) };
    const candidates = this.candidatesFor(host, target, true);

    if (candidates.length === 0) {
      this.stats.unattributedLines++;
      return;
    }
    if (candidates.length === 1 && candidates[0]) {
      candidates[0].attempts.push(attempt);
      this.touch(candidates[0], entry);
      return;
    }
    if (this.pending.length >= MAX_PENDING_LINES) {
      const oldest = this.pending.shift();
      if (oldest) {
        this.settleAmbiguous(oldest);
      }
    }
    this.pending.push({ attempt, candidates: new Set(candidates), ended: new Set() });
  }

  /** Reports the oldest in-flight pull as abandoned to make room for a new one. */
  private evictOldest(out: PullRecord[]): void {
    const oldest = this.order.values().next();
    if (oldest.done) {
      return;
    }
    out.push(this.finishUnended(oldest.value));
    this.rateLimited.run('in-flight-full', (suppressed) =>
      this.logger.warn(
        { maxInFlight: MAX_IN_FLIGHT_PULLS, image: oldest.value.ref.normalized, suppressed },
        'too many pulls in flight without an end line; ended the oldest one early',
      ),
    );
  }

  /**
   * Lists the in-flight pulls a host line can belong to. The URL's namespace and repository must
   * match when it names them. The host must be in the pull's hosts.toml list unless the list is
   * unknown, and a pull tries each host once per resolve.
   */
  private candidatesFor(host: string, target: RequestTarget | null, failure: boolean): InFlightPull[] {
    const out: InFlightPull[] = [];
    for (const pull of this.order) {
      if (target && !targetMatches(pull.ref, target)) {
        continue;
      }
      const listed = pull.hosts.hosts.length === 0 || pull.hosts.hosts.some((entry) => entry.host === host);
      if (!listed && !target) {
        continue;
      }
      if (failure && pull.attempts.some((attempt) => attempt.host === host)) {
        continue;
      }
      out.push(pull);
    }
    return out;
  }

  /** Ends a pull that has no end line: at flush, or after the abandon timeout. */
  private finishUnended(pull: InFlightPull): PullRecord {
    // `Pulled image`, or the image stored plus `stop pulling`, means containerd finished it.
    if (pull.pulled || (pull.stored && pull.stopped)) {
      return this.end(pull, { outcome: 'success', time: pull.lastTime, failureCause: null, failureDetail: null });
    }
    const last = pull.attempts.at(-1);
    if (last && allHostsFailed(pull)) {
      return this.end(pull, { outcome: 'failure', time: pull.lastTime, failureCause: last.cause, failureDetail: last.detail });
    }
    return this.end(pull, { outcome: 'abandoned', time: pull.lastTime, failureCause: null, failureDetail: null });
  }

  private end(pull: InFlightPull, end: PullEnd): PullRecord {
    const list = this.inFlight.get(pull.ref.normalized);
    const index = list?.indexOf(pull) ?? -1;
    if (list && index >= 0) {
      list.splice(index, 1);
      if (list.length === 0) {
        this.inFlight.delete(pull.ref.normalized);
      }
    }
    this.order.delete(pull);
    this.rememberEnded(pull);
    this.settlePending(pull, end);

    const record = buildRecord(this.node, pull, end);
    this.stats.pullsCompleted++;
    this.logger.debug({ pullId: record.id, image: record.image, outcome: record.outcome, servedBy: record.servedBy }, 'pull ended');
    return record;
  }

  /** Uses a candidate's end to decide pending host lines it was a candidate for. */
  private settlePending(pull: InFlightPull, end: PullEnd): void {
    const hosts = resolveHosts(pull);
    const lastHost = hosts.at(-1)?.host;

    for (const line of this.pending) {
      if (!line.candidates.has(pull) || line.ended.has(pull)) {
        continue;
      }
      const host = line.attempt.host;
      const listed = hosts.length === 0 || hosts.some((entry) => entry.host === host);
      const tried = pull.attempts.some((attempt) => attempt.host === host);

      if (end.outcome === 'failure' && listed && !tried) {
        // A failed pull has a failure line for every host it tried, so an open line for one is its own.
        pull.attempts.push(line.attempt);
        line.candidates.clear();
      } else if (tried || (end.outcome === 'success' && host === lastHost)) {
        // Tried already, or a success cannot have failed on its last host.
        line.candidates.delete(pull);
      } else {
        pull.ambiguousLines++;
        line.ended.add(pull);
      }
    }

    for (let i = this.pending.length - 1; i >= 0; i--) {
      const line = this.pending[i];
      if (line && this.resolvePending(line)) {
        this.pending.splice(i, 1);
      }
    }
  }

  /** True when the line is decided: given to its one remaining pull, dropped, or counted ambiguous. */
  private resolvePending(line: PendingLine): boolean {
    if (line.candidates.size === 0) {
      return true;
    }
    const live = [...line.candidates].filter((pull) => !line.ended.has(pull));
    if (live.length === 1 && line.ended.size === 0 && live[0]) {
      live[0].attempts.push(line.attempt);
      return true;
    }
    if (live.length === 0) {
      this.settleAmbiguous(line);
      return true;
    }
    return false;
  }

  private settleAmbiguous(line: PendingLine): void {
    if (line.candidates.size === 0) {
      return;
    }
    this.stats.ambiguousLines++;
    for (const pull of line.candidates) {
      if (!line.ended.has(pull)) {
        pull.ambiguousLines++;
      }
    }
  }

  private rememberEnded(pull: InFlightPull): void {
    // Re-inserting moves the key to the end, so the map stays in end order and pruning stops early.
    this.recentlyEnded.delete(pull.ref.normalized);
    this.recentlyEnded.set(pull.ref.normalized, pull.lastActivityMs);
    if (this.recentlyEnded.size <= 1024) {
      return;
    }

    const cutoff = pull.lastActivityMs - TRAILING_LINE_WINDOW_MS;
    for (const [key, at] of this.recentlyEnded) {
      // Beyond the cap the oldest goes even inside the window, so thousands of ends per second stay linear.
      if (at >= cutoff && this.recentlyEnded.size <= MAX_RECENTLY_ENDED) {
        break;
      }
      this.recentlyEnded.delete(key);
    }
  }

  private touch(pull: InFlightPull, entry: LogEntry): void {
    pull.lastActivityMs = this.activityMs(entry);
    if (entry.time) {
      pull.lastTime = entry.time;
    }
  }

  private activityMs(entry: LogEntry): number {
    return entry.time?.ms ?? this.clock.now();
  }

  private countUnread(kind: 'ignored' | 'malformed', reason: string, position: string): void {
    if (kind === 'ignored') {
      this.stats.ignoredLines++;
      return;
    }
    this.stats.malformedLines++;
    this.rateLimited.run('malformed', (suppressed) =>
      this.logger.warn({ reason, position, suppressed }, 'skipped a malformed containerd log line'),
    );
  }
}

/** Checks a request URL's repository (a mirror may prefix its own path) and `ns` against a reference. */
function targetMatches(ref: ImageRef, target: RequestTarget): boolean {
  if (target.namespace !== null && target.namespace !== ref.registry) {
    return false;
  }
  return target.repository === ref.repository || target.repository.endsWith(`/${ref.repository}`);
}

/** Appends without spreading, because spreading tens of thousands of records overflows the call stack. */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) {
    target.push(item);
  }
}
