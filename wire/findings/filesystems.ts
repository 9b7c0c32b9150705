import { Type, type Static } from '@sinclair/typebox';

// TODO: placeholder until the filesystems section is defined.
export const FilesystemsSectionSchema = Type.Object({}, { additionalProperties: false });
export type FilesystemsSection = Static<typeof FilesystemsSectionSchema>;
