import { Type, type Static } from '@sinclair/typebox';

export const CertsConfigSchema = Type.Object(
  {
    schedule: Type.String({ minLength: 1, maxLength: 64, default: '0 */10 * * * *' }),
    /** Certificate files to watch besides those hosts.toml names (the mirror's own server certificate, say). */
    extraPaths: Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), { maxItems: 64, default: [] }),
    /** Read the chain each HTTPS mirror serves in its TLS handshake. */
    servedChains: Type.Boolean({ default: true }),
    handshakeTimeoutMs: Type.Integer({ minimum: 100, maximum: 60_000, default: 5000 }),
  },
  { additionalProperties: false, default: {} },
);
export type CertsConfig = Static<typeof CertsConfigSchema>;
