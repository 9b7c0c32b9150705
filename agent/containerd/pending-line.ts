import type { Attempt } from '../../wire/pull.js';
import type { InFlightPull } from './in-flight-pull.js';

/**
 * A host failure line that more than one in-flight pull could own. It waits until the
 * candidates' ends tell which one it was, or until it is counted as ambiguous.
 */
export interface PendingLine {
  attempt: Attempt;
  /** Candidates still possible, in flight or ended without settling the line. */
  candidates: Set<InFlightPull>;
  /** Candidates that ended while the line was unresolved; each counted it as ambiguous. */
  ended: Set<InFlightPull>;
}
