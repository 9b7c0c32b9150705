import { VERDICT_RULES } from './rules.js';
import type { NamedRule, Reason, Verdict, VerdictInput, VerdictValue } from './types.js';

/**
 * Runs every rule and combines their reasons, failing closed. A proven blocker gives UNSAFE,
 * because data still missing could only add reasons against deletion; otherwise a rule that
 * throws or any incomplete data gives UNKNOWN, and SAFE needs every rule to clear. Every
 * reason is listed whatever the verdict.
 */
export function judge(input: VerdictInput, extraReasons: readonly Reason[] = [], rules: readonly NamedRule[] = VERDICT_RULES): Verdict {
  const reasons: Reason[] = [...extraReasons];

  for (const rule of rules) {
    try {
      reasons.push(...rule.check(input));
    } catch (err) {
      reasons.push({ rule: rule.id, severity: 'unknown', message: `rule ${rule.id} failed: ${(err as Error)?.message ?? String(err)}`, objects: [] });
    }
  }
  if (input.candidate.delete.length === 0) {
    reasons.push({ rule: 'candidate', severity: 'unknown', message: 'the candidate lists no images to delete', objects: [] });
  }

  return { verdict: combine(reasons), judgedAt: new Date(input.now).toISOString(), reasons };
}

function combine(reasons: readonly Reason[]): VerdictValue {
  if (reasons.some((reason) => reason.severity === 'unsafe')) {
    return 'UNSAFE';
  }
  if (reasons.some((reason) => reason.severity === 'unknown')) {
    return 'UNKNOWN';
  }
  return 'SAFE';
}
