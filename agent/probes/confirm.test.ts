import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { OutcomeConfirmer } from './confirm.js';
import type { ProbeObservation, ProbeOutcome } from './outcome.js';

function observation(outcome: ProbeOutcome, at: number): ProbeObservation {
  return { outcome, detail: `${outcome} detail`, durationMs: 10, at };
}

/** Feeds outcomes one minute apart and returns the reported outcome after each. */
function feed(confirmations: number, outcomes: ProbeOutcome[]): string[] {
  const clock = new FakeClock();
  const confirmer = new OutcomeConfirmer(confirmations, clock);
  return outcomes.map((outcome) => {
    clock.advance(60_000);
    return confirmer.observe('direct quay.io', observation(outcome, clock.now())).outcome;
  });
}

describe('OutcomeConfirmer', () => {
  it.each<[string, number, ProbeOutcome[], string[]]>([
    ['single hiccup stays pending', 2, ['nxdomain'], ['pending']],
    ['repeat confirms outcome', 2, ['nxdomain', 'nxdomain'], ['pending', 'nxdomain']],
    ['reachable needs repeat too', 2, ['timeout', 'timeout', 'reachable', 'reachable'], ['pending', 'timeout', 'timeout', 'reachable']],
    ['hiccup keeps previous outcome', 2, ['timeout', 'timeout', 'nxdomain', 'timeout'], ['pending', 'timeout', 'timeout', 'timeout']],
    ['alternating never confirms', 2, ['nxdomain', 'timeout', 'nxdomain', 'timeout'], ['pending', 'pending', 'pending', 'pending']],
    ['one confirmation reports at once', 1, ['refused', 'tls'], ['refused', 'tls']],
    ['three confirmations wait longer', 3, ['refused', 'refused', 'refused'], ['pending', 'pending', 'refused']],
  ])('%s', (_name, confirmations, outcomes, expected) => {
    expect(feed(confirmations, outcomes)).toEqual(expected);
  });

  it('records when outcome was confirmed', () => {
    const clock = new FakeClock(0);
    const confirmer = new OutcomeConfirmer(2, clock);
    clock.advance(1000);
    confirmer.observe('k', observation('timeout', clock.now()));
    clock.advance(1000);
    const confirmed = confirmer.observe('k', observation('timeout', clock.now()));
    clock.advance(1000);
    const later = confirmer.observe('k', observation('timeout', clock.now()));

    expect(confirmed.confirmedSince).toBe(2000);
    expect(later.confirmedSince).toBe(2000);
    expect(later.streak).toBe(3);
  });

  it('keeps keys apart', () => {
    const clock = new FakeClock();
    const confirmer = new OutcomeConfirmer(2, clock);
    confirmer.observe('direct a', observation('refused', clock.now()));
    confirmer.observe('proxy a', observation('reachable', clock.now()));

    expect(confirmer.observe('direct a', observation('refused', clock.now())).outcome).toBe('refused');
  });

  it('forgets keys not retained', () => {
    const clock = new FakeClock();
    const confirmer = new OutcomeConfirmer(2, clock);
    confirmer.observe('direct a', observation('refused', clock.now()));
    confirmer.retain(new Set(['direct b']));

    expect(confirmer.observe('direct a', observation('refused', clock.now())).outcome).toBe('pending');
  });
});
