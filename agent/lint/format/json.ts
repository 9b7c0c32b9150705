import type { LintFinding } from '../types.js';

/** Formats findings as one JSON document `{ "findings": [...] }`. */
export function formatJson(findings: readonly LintFinding[]): string {
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}
