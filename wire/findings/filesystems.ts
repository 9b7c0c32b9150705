import { Type, type Static } from '@sinclair/typebox';

export const MAX_FILESYSTEMS = 64;

/** Usage of the filesystem holding one configured path, from statfs. */
export const FilesystemRecordSchema = Type.Object(
  {
    path: Type.String({ minLength: 1, maxLength: 4096 }),
    /** `node` for containerd's root, `mirror` for the registry's storage. */
    role: Type.Union([Type.Literal('node'), Type.Literal('mirror')]),
    sizeBytes: Type.Integer({ minimum: 0 }),
    usedBytes: Type.Integer({ minimum: 0 }),
    /** Bytes an unprivileged writer can still use (statfs bavail), which excludes root's reserve. */
    availBytes: Type.Integer({ minimum: 0 }),
    /** used / (used + avail), as df computes Use%. */
    usedRatio: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type FilesystemRecord = Static<typeof FilesystemRecordSchema>;

export const FilesystemsSectionSchema = Type.Object(
  {
    filesystems: Type.Array(FilesystemRecordSchema, { maxItems: MAX_FILESYSTEMS }),
    errors: Type.Array(
      Type.Object(
        { path: Type.String({ minLength: 1, maxLength: 4096 }), message: Type.String({ maxLength: 2048 }) },
        { additionalProperties: false },
      ),
      { maxItems: MAX_FILESYSTEMS },
    ),
  },
  { additionalProperties: false },
);
export type FilesystemsSection = Static<typeof FilesystemsSectionSchema>;
