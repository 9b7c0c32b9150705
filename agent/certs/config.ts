import { Type, type Static } from '@sinclair/typebox';

// TODO: placeholder until the certs settings are defined.
export const CertsConfigSchema = Type.Object({}, { additionalProperties: false, default: {} });
export type CertsConfig = Static<typeof CertsConfigSchema>;
