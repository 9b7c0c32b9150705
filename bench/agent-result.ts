import type { TrackerStats } from '../agent/containerd/types.js';
import type { PullCounts } from './pull-tally.js';

/** Result of one agent reading process, printed as JSON on stdout. */
export interface AgentReadResult extends PullCounts {
  lines: number;
  /** Records journalctl printed that the source could not turn into a line. */
  rejected: number;
  tracker: TrackerStats;
  /** From starting the source to the last expected line reaching the tracker. */
  seconds: number;
  linesPerSecond: number;
  /** VmHWM of the node process alone. */
  peakRssBytes: number;
  /** VmHWM of the journalctl child just before it was stopped, or null when it was not found. */
  journalctlPeakRssBytes: number | null;
  /** User plus system CPU seconds of the journalctl child until the last line, or null when unreadable. */
  journalctlCpuSeconds: number | null;
  /** CPU time of the node process during the read, user plus system. */
  cpuSeconds: number;
}
