import { Type, type Static } from '@sinclair/typebox';

export const MAX_LINT_FINDINGS = 500;

/** One lint finding: a rule that failed at a file and line, with the fix. */
export const LintFindingSchema = Type.Object(
  {
    file: Type.String({ minLength: 1, maxLength: 4096 }),
    line: Type.Integer({ minimum: 1 }),
    /** Stable rule id, usable as a metric label. */
    rule: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }),
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning'), Type.Literal('info')]),
    message: Type.String({ maxLength: 2048 }),
    fix: Type.String({ maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LintFindingRecord = Static<typeof LintFindingSchema>;

/** Every lint finding of one run on a node; `omitted` counts findings beyond the bound. */
export const LintSectionSchema = Type.Object(
  {
    findings: Type.Array(LintFindingSchema, { maxItems: MAX_LINT_FINDINGS }),
    omitted: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type LintSection = Static<typeof LintSectionSchema>;
