import { Type, type Static } from '@sinclair/typebox';

// TODO: placeholder until the egress section is defined.
export const EgressSectionSchema = Type.Object({}, { additionalProperties: false });
export type EgressSection = Static<typeof EgressSectionSchema>;
