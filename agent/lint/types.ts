import type { LintInput } from './inputs.js';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One problem found in a node's registry configuration. */
export interface LintFinding {
  file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: number;
  rule: string;
  severity: Severity;
  message: string;
  fix: string;
}

/** Settings the rules read besides the files themselves. */
export interface LintContext {
  nowMs: number;
  /** A certificate expiring within this many days is reported as a warning. */
  expiryWarningDays: number;
  /** Resolves a path written in a config file to the path lint reads (applies --root). */
  resolvePath(path: string, relativeTo: string): string;
}

/** Rule result; the runner adds the rule's id and severity, and its fix unless the hit gives one. */
export interface RuleHit {
  file: string;
  line: number;
  message: string;
  fix?: string;
}

/** One lint rule: a stable id, a fixed severity, a check and the usual fix. */
export interface LintRule {
  id: string;
  severity: Severity;
  /** One sentence for `--format sarif` rule metadata and the docs. */
  summary: string;
  fix: string;
  check(input: LintInput, context: LintContext): RuleHit[];
}
