import type { Logger } from '../../core/log.js';
import type { FindingsSection, NodeFindings } from '../../wire/findings.js';

/**
 * A periodic node check (leak probes, egress, lint, certificates, disk). The agent runtime
 * schedules it with node-cron, times it, logs failures, and puts each result in the next report.
 */
export interface FindingsTask<K extends FindingsSection = FindingsSection> {
  readonly section: K;
  /** node-cron expression, e.g. `*\/30 * * * * *` for every 30 s. */
  readonly schedule: string;
  run(signal: AbortSignal): Promise<NonNullable<NodeFindings[K]>>;
}

/** What every task factory receives from the agent runtime. */
export interface FindingsTaskDeps {
  node: string;
  logger: Logger;
  /** containerd's config root on this node, `/etc/containerd` in production. */
  containerdRoot: string;
  /** The certs.d directory containerd reads. */
  certsDir: string;
}
