import { Type, type Static } from '@sinclair/typebox';

export const DiskConfigSchema = Type.Object(
  {
    schedule: Type.String({ minLength: 1, maxLength: 64, default: '0 * * * * *' }),
    /** Paths whose filesystem usage is reported: containerd's root on nodes, registry storage on the mirror host. */
    paths: Type.Array(
      Type.Object(
        {
          path: Type.String({ minLength: 1, maxLength: 4096 }),
          role: Type.Union([Type.Literal('node'), Type.Literal('mirror')]),
        },
        { additionalProperties: false },
      ),
      { maxItems: 64, default: [{ path: '/var/lib/containerd', role: 'node' }] },
    ),
  },
  { additionalProperties: false, default: {} },
);
export type DiskConfig = Static<typeof DiskConfigSchema>;
