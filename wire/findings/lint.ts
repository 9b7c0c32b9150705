import { Type, type Static } from '@sinclair/typebox';

// TODO: placeholder until the lint section is defined.
export const LintSectionSchema = Type.Object({}, { additionalProperties: false });
export type LintSection = Static<typeof LintSectionSchema>;
