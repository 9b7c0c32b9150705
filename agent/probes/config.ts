import { Type, type Static } from '@sinclair/typebox';

// TODO: placeholder until the probes settings are defined.
export const ProbesConfigSchema = Type.Object({}, { additionalProperties: false, default: {} });
export type ProbesConfig = Static<typeof ProbesConfigSchema>;
