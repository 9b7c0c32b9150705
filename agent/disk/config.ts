import { Type, type Static } from '@sinclair/typebox';

// TODO: placeholder until the disk settings are defined.
export const DiskConfigSchema = Type.Object({}, { additionalProperties: false, default: {} });
export type DiskConfig = Static<typeof DiskConfigSchema>;
