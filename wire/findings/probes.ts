import { Type, type Static } from '@sinclair/typebox';

// TODO: placeholder until the probes section is defined.
export const ProbesSectionSchema = Type.Object({}, { additionalProperties: false });
export type ProbesSection = Static<typeof ProbesSectionSchema>;
