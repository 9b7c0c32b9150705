import { countBySeverity } from '../runner.js';
import type { LintFinding } from '../types.js';

/** Formats findings as `file:line: severity rule: message` lines with the fix indented below, then a summary. */
export function formatText(findings: readonly LintFinding[]): string {
  const lines = findings.flatMap((finding) => [
    `${finding.file}:${finding.line}: ${finding.severity} ${finding.rule}: ${finding.message}`,
    `    fix: ${finding.fix}`,
  ]);
  const counts = countBySeverity(findings);
  lines.push(`${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes`);
  return `${lines.join('\n')}\n`;
}
