import { Type, type Static } from '@sinclair/typebox';

export const EgressConfigSchema = Type.Object(
  {
    /**
     * Root whose `net/tcp` and `net/tcp6` are read. `/proc` shows the agent's own network
     * namespace; use `/proc/1` with hostPID, or a mounted host /proc, for the node's.
     */
    procRoot: Type.String({ minLength: 1, maxLength: 4096, default: '/proc' }),
    /** Remote ports watched. */
    ports: Type.Array(Type.Integer({ minimum: 1, maximum: 65535 }), { minItems: 1, maxItems: 32, default: [443] }),
    /** Networks of the mirror and other allowed peers; loopback is allowed by default. */
    allowedCidrs: Type.Array(Type.String({ minLength: 3, maxLength: 49 }), { maxItems: 256, default: ['127.0.0.0/8', '::1/128'] }),
    /** node-cron expression with seconds; the default runs every 15 seconds. */
    schedule: Type.String({ minLength: 1, maxLength: 64, default: '*/15 * * * * *' }),
  },
  { additionalProperties: false, default: {} },
);
export type EgressConfig = Static<typeof EgressConfigSchema>;
