import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../wire/findings/probes.js';
import { formatProbeTable, isProvenBlocked, probeVerdict } from './report.js';

function result(outcome: ProbeResult['outcome'], latestOutcome: ProbeResult['latestOutcome'] = outcome === 'pending' ? 'refused' : outcome): ProbeResult {
  return {
    target: 'quay.io',
    path: 'direct',
    outcome,
    reachable: outcome === 'reachable',
    detail: 'detail',
    latestOutcome,
    streak: 1,
    durationSeconds: 0.1,
    checkedAt: '2026-01-01T00:00:00Z',
  };
}

describe('probe report verdicts', () => {
  it.each([
    ['reachable', 'LEAK', false],
    ['tls', 'NOT PROVEN', false],
    ['error', 'NOT PROVEN', false],
    ['pending', 'NOT PROVEN', false],
    ['nxdomain', 'blocked', true],
    ['refused', 'blocked', true],
    ['timeout', 'blocked', true],
    ['unreachable', 'blocked', true],
    ['denied', 'blocked', true],
  ] as const)('outcome %s reads %s', (outcome, verdict, blocked) => {
    expect(probeVerdict(result(outcome))).toBe(verdict);
    expect(isProvenBlocked(result(outcome))).toBe(blocked);
  });

  it('pending reachable reads LEAK', () => {
    expect(probeVerdict(result('pending', 'reachable'))).toBe('LEAK');
  });

  it('table never says blocked for tls', () => {
    const table = formatProbeTable({ results: [result('tls')], problems: [] });
    expect(table).toContain('NOT PROVEN');
    expect(table).not.toContain('blocked');
  });
});
