import type { Clock } from '../../core/clock.js';
import type { ProbeObservation, ProbeOutcome, ReportedOutcome } from './outcome.js';

/** What a target shows on one path after an observation. */
export interface ConfirmedView {
  /** The last outcome seen `confirmations` times in a row, or `pending` before any. */
  outcome: ReportedOutcome;
  /** The confirmed observation, whose detail and duration are reported with the outcome. */
  confirmed: ProbeObservation | null;
  /** The newest observation, confirmed or not. */
  latest: ProbeObservation;
  /** Observations in a row with the newest outcome. */
  streak: number;
  /** When the current confirmed outcome was first confirmed (ms since the epoch), or null. */
  confirmedSince: number | null;
}

interface KeyState {
  candidate: ProbeOutcome;
  streak: number;
  confirmed: ProbeObservation | null;
  confirmedSince: number | null;
}

/**
 * Debounces probe outcomes per key: an outcome, `reachable` included, is reported only after
 * it repeats `confirmations` times in a row. Until then the key keeps its previous confirmed
 * outcome, or `pending`.
 */
export class OutcomeConfirmer {
  private readonly states = new Map<string, KeyState>();

  constructor(
    private readonly confirmations: number,
    private readonly clock: Clock,
  ) {}

  observe(key: string, observation: ProbeObservation): ConfirmedView {
    const state = this.states.get(key) ?? { candidate: observation.outcome, streak: 0, confirmed: null, confirmedSince: null };

    if (state.candidate === observation.outcome) {
      state.streak += 1;
    } else {
      state.candidate = observation.outcome;
      state.streak = 1;
    }

    if (state.streak >= this.confirmations) {
      if (state.confirmed?.outcome !== observation.outcome) {
        state.confirmedSince = this.clock.now();
      }
      state.confirmed = observation;
    }
    this.states.set(key, state);

    return {
      outcome: state.confirmed?.outcome ?? 'pending',
      confirmed: state.confirmed,
      latest: observation,
      streak: state.streak,
      confirmedSince: state.confirmedSince,
    };
  }

  /** Drops keys no longer probed, so a removed target does not linger in memory. */
  retain(keys: ReadonlySet<string>): void {
    for (const key of this.states.keys()) {
      if (!keys.has(key)) {
        this.states.delete(key);
      }
    }
  }
}
