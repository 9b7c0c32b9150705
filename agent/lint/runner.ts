import type { Logger } from '../../core/log.js';
import { lintError } from './errors.js';
import type { LintInput } from './inputs.js';
import { lintRules } from './rules/index.js';
import { SEVERITIES, type LintContext, type LintFinding, type LintRule } from './types.js';

/**
 * Runs every rule over one snapshot and returns findings sorted by file, line and rule order.
 * A rule that throws is logged and skipped, so one bug never hides the other findings.
 */
export function runLint(
  input: LintInput,
  context: LintContext,
  logger?: Logger,
  rules: readonly LintRule[] = lintRules,
): LintFinding[] {
  const findings: Array<LintFinding & { order: number }> = [];

  rules.forEach((rule, order) => {
    let hits;
    try {
      hits = rule.check(input, context);
    } catch (err) {
      const failure = lintError('GW_LINT_RULE_FAILED', { rule: rule.id, reason: err }, err);
      logger?.error({ err: failure, rule: rule.id }, failure.message);
      return;
    }
    for (const hit of hits) {
      findings.push({
        file: hit.file,
        line: hit.line,
        rule: rule.id,
        severity: rule.severity,
        message: hit.message,
        fix: hit.fix ?? rule.fix,
        order,
      });
    }
  });

  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.order - b.order);
  return findings.map(({ order: _order, ...finding }) => finding);
}

/** Counts findings per severity, for summaries and exit codes. */
export function countBySeverity(findings: readonly LintFinding[]): Record<(typeof SEVERITIES)[number], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) {
    counts[finding.severity] += 1;
  }
  return counts;
}
