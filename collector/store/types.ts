import type { FindingsSection, NodeFindings } from '../../wire/findings.js';
import type { Attempt, PullRecord } from '../../wire/pull.js';
import type { Static } from '@sinclair/typebox';
import type { AgentStatsSchema, Report } from '../../wire/report.js';

type AgentStats = Static<typeof AgentStatsSchema>;

/**
 * One addition to a persisted metric total. Counters use `value`; histogram buckets use
 * `value` as the observation count and `sum` as the sum of the observed values in whole
 * microseconds, so totals add exactly in any order and a restart reproduces them.
 */
export interface TotalIncrement {
  metric: string;
  labels: Readonly<Record<string, string>>;
  value: number;
  sum: number;
}

/** Turns stored facts into metric totals, so totals and pulls commit in one transaction. */
export interface TotalsPlanner {
  forPull(node: string, pull: PullRecord): TotalIncrement[];
  /** Ambiguous `trying next host` lines a node's agent counted since its previous report. */
  forAmbiguousLines(node: string, delta: number): TotalIncrement[];
}

/** Changes made by storing one report. */
export interface ReportOutcome {
  /** True when the agent's seq was already accepted; nothing was stored. */
  replayed: boolean;
  /** Pull records stored for the first time. */
  stored: number;
  /** Pull records whose id was already stored. */
  duplicates: number;
}

/** Receives the totals a committed batch added, summed per series, before any of its reports is acknowledged. */
export type TotalsListener = (increments: readonly TotalIncrement[]) => void;

/** A pull as stored, with the node that reported it; times are milliseconds since the epoch. */
export interface StoredPull {
  id: string;
  node: string;
  image: string;
  /** Reference without its digest. */
  imageName: string;
  /** Digest in the reference (`sha256:...`), or null for a tag-only reference. */
  imageDigest: string | null;
  namespace: string;
  outcome: PullRecord['outcome'];
  servedBy: PullRecord['servedBy'];
  servedHost: string | null;
  failureCause: PullRecord['failureCause'];
  failureDetail: string | null;
  durationSeconds: number | null;
  startedAt: number | null;
  endedAt: number | null;
  /** End time, else start time, else receive time: the time filters compare against. */
  seenAt: number;
  bytes: number | null;
  imageId: string | null;
  repoDigest: string | null;
  attempts: Attempt[];
  ambiguousLines: number;
  receivedAt: number;
}

/** Newest report of one node. */
export interface NodeReport {
  node: string;
  lastReportAt: number;
  intervalSeconds: number;
  agentVersion: string;
  role: Report['role'];
  agentId: string;
  stats: AgentStats;
}

export interface PullQuery {
  node?: string;
  /** Matches the full reference or the reference without digest. */
  image?: string;
  outcome?: PullRecord['outcome'];
  since?: number;
  limit: number;
  /** Return only pulls stored before this cursor (from a previous page). */
  before?: number;
}

export interface PullPage {
  pulls: StoredPull[];
  /** Cursor for the next (older) page, or null on the last page. */
  next: number | null;
}

export interface ImagePullQuery {
  /** References without digest, `docker.io/library/nginx:1.25`. */
  references: readonly string[];
  /** `sha256:...` digests, matched against the reference digest, repo digest and image id. */
  digests: readonly string[];
  since: number;
}

/** Receives a node's newest snapshot of one findings section. */
export type FindingsListener = (node: string, section: FindingsSection, snapshot: unknown) => void;

/** A stored metric total, as persisted. */
export interface TotalRow {
  metric: string;
  labels: Record<string, string>;
  value: number;
  sum: number;
}

/** The collector's history. The SQLite implementation is the only one. */
export interface CollectorStore {
  /**
   * Stores a report atomically: seq check, pulls, totals, node state, findings. Reports
   * submitted while the previous batch commits share the next transaction. The promise
   * settles after that transaction has committed, so acknowledge the report only once it
   * resolves.
   */
  applyReport(report: Report, receivedAt: number): Promise<ReportOutcome>;
  listPulls(query: PullQuery): PullPage;
  pullsOfImages(query: ImagePullQuery): StoredPull[];
  /** Every pull seen at or after `since`, oldest first. */
  pullsSince(since: number): StoredPull[];
  /** Earliest time from which pull history is complete (first start, or the last prune cutoff). */
  historyStartedAt(): number;
  nodes(): NodeReport[];
  /** Newest snapshot of a section per node, from memory; do not modify the returned map. */
  latestFindings<K extends FindingsSection>(section: K): ReadonlyMap<string, NonNullable<NodeFindings[K]>>;
  totals(): TotalRow[];
  /** Calls `listener` with each findings snapshot right after the transaction storing it has committed. */
  onFindingsStored(listener: FindingsListener): void;
  /** Calls `listener` with the summed totals of each committed batch; live metrics add them. */
  onTotalsCommitted(listener: TotalsListener): void;
  /** Deletes pulls seen before `cutoff`; resolves to how many were deleted. */
  prunePulls(cutoff: number): Promise<number>;
  /** Checks that the database file is still the one opened and runs a trivial query. */
  ping(): boolean;
  /** Commits what is queued, then closes the database; safe to call twice. */
  close(): Promise<void>;
}
