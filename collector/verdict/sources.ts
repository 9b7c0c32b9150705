import type { AgentLiveness, MirrorCheck, PullEvent } from './types.js';

/** Pull records the store keeps; the collector store adapts to this. */
export interface PullHistory {
  /** Pulls that started at or after `sinceMs`, from every node. */
  pullsSince(sinceMs: number): Promise<PullEvent[]>;
  /** Epoch milliseconds of the first stored report, or null when nothing is stored. */
  historyStartedAt(): Promise<number | null>;
}

/** Last report time and interval of every agent the collector has heard from. */
export interface AgentDirectory {
  agents(): Promise<AgentLiveness[]>;
}

/** Checks that images resolve by digest, every platform included, in the mirror. */
export interface MirrorCompleteness {
  check(refs: readonly string[]): Promise<MirrorCheck>;
}
