import { countBySeverity } from '../runner.js';
import type { LintFinding } from '../types.js';

/** Formats findings as `file:line: severity rule: message` lines with the fix indented below, then a summary. */
export function formatText(findings: readonly LintFinding[]): string {
  const lines = findings.flatMap((finding) => [
    `${finding.file}:${finding.line}: ${finding.severity} ${finding.rule}: ${finding.message}`,
    `    fix: ${finding.fix}`,
  ]);
  const counts = countBySeverity(findings);
  lines.push([plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.info, 'note')].join(', '));
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
