import type { PROBE_OUTCOMES, REPORTED_OUTCOMES } from '../../wire/findings/probes.js';

export { PROBE_OUTCOMES, REPORTED_OUTCOMES } from '../../wire/findings/probes.js';

/** How one probe ended; see PROBE_OUTCOMES in the wire section for each label's meaning. */
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];
/** A confirmed outcome, or `pending` until an outcome repeats enough times. */
export type ReportedOutcome = (typeof REPORTED_OUTCOMES)[number];

/** `direct` dials the target; `proxy` tunnels through containerd's HTTPS proxy with CONNECT. */
export type ProbePath = 'direct' | 'proxy';

/** The result of one probe run. */
export interface ProbeObservation {
  outcome: ProbeOutcome;
  /** Raw error text, or `HTTP <status> from /v2/` for `reachable`. */
  detail: string;
  /** HTTP status of the answer, when there was one. */
  status?: number;
  durationMs: number;
  /** Milliseconds since the epoch when the probe finished. */
  at: number;
}
