import { MAX_LINT_FINDINGS, type LintSection } from '../../wire/findings/lint.js';
import type { LintFinding } from './types.js';

/** Converts findings to the wire section, cutting strings and the list to the schema bounds. */
export function toLintSection(findings: readonly LintFinding[]): LintSection {
  const kept = findings.slice(0, MAX_LINT_FINDINGS).map((finding) => ({
    file: clip(finding.file, 4096) || '(unknown)',
    line: Math.max(1, Math.trunc(finding.line)),
    rule: finding.rule,
    severity: finding.severity,
    message: clip(finding.message, 2048),
    fix: clip(finding.fix, 1024),
  }));
  return { findings: kept, omitted: findings.length - kept.length };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
