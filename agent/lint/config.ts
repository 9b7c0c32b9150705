import { Type, type Static } from '@sinclair/typebox';

// TODO: placeholder until the lint settings are defined.
export const LintConfigSchema = Type.Object({}, { additionalProperties: false, default: {} });
export type LintConfig = Static<typeof LintConfigSchema>;
