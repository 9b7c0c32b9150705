import { Type, type Static } from '@sinclair/typebox';

/** The `registry` section of the collector config: the mirror the verdict checks version N in. */
export const RegistryConfigSchema = Type.Object(
  {
    /** Mirror base URL, `https://mirror.internal:5000`; a path is a repository prefix. */
    mirrorUrl: Type.String({ minLength: 1, maxLength: 1024, pattern: '^https?://' }),
    /** PEM file with the mirror's CA; Node's bundled roots when unset. */
    caFile: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    /** Files holding the mirror user name and password for basic or token auth; never logged. */
    usernameFile: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    passwordFile: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    timeoutSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 300, default: 10 }),
  },
  { additionalProperties: false },
);
export type RegistryConfig = Static<typeof RegistryConfigSchema>;
