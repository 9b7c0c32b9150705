import type { ProbeResult } from '../../wire/findings/probes.js';
import type { ConfirmedView } from './confirm.js';
import type { ProbeJob } from './plan.js';

/** Turns one job's confirmed view into its wire result. */
export function toProbeResult(job: ProbeJob, view: ConfirmedView): ProbeResult {
  const shown = view.confirmed ?? view.latest;
  const result: ProbeResult = {
    target: job.target.label,
    path: job.path,
    outcome: view.outcome,
    reachable: view.outcome === 'reachable',
    detail: shown.detail.slice(0, 500),
    latestOutcome: view.latest.outcome,
    streak: view.streak,
    durationSeconds: Math.min(3600, view.latest.durationMs / 1000),
    checkedAt: new Date(view.latest.at).toISOString(),
  };
  if (job.proxy) {
    result.proxy = job.proxy.label;
  }
  if (view.confirmedSince !== null) {
    result.confirmedSince = new Date(view.confirmedSince).toISOString();
  }
  return result;
}
