import { Type, type Static } from '@sinclair/typebox';

// TODO: placeholder until the egress settings are defined.
export const EgressConfigSchema = Type.Object({}, { additionalProperties: false, default: {} });
export type EgressConfig = Static<typeof EgressConfigSchema>;
