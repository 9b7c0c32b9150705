import { Type, type Static } from '@sinclair/typebox';

const DAY_SECONDS = 86_400;

/** One named candidate set, re-judged on the schedule and exported as `gapwatch_gc_verdict`. */
export const CandidateConfigSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }),
    delete: Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { minItems: 1, maxItems: 10_000 }),
    keep: Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { default: [], maxItems: 10_000 }),
  },
  { additionalProperties: false },
);

/** The `verdict` section of the collector config. */
export const VerdictConfigSchema = Type.Object(
  {
    /** Pull history a deletion must be clear of, seconds. */
    observationWindowSeconds: Type.Integer({ minimum: 60, maximum: 365 * DAY_SECONDS, default: 7 * DAY_SECONDS }),
    /** Time version N must have been fully rolled out before N-1 may go, seconds. */
    rollbackWindowSeconds: Type.Integer({ minimum: 0, maximum: 365 * DAY_SECONDS, default: 3 * DAY_SECONDS }),
    /** An agent counts as silent after its report interval times this factor. */
    overdueFactor: Type.Number({ minimum: 1, maximum: 100, default: 3 }),
    /** Image patterns never to delete (`*` matches any run of characters), on top of pause/sandbox and static-pod images. */
    protectedImages: Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { default: [] }),
    /** Seconds between re-judging the configured candidates. */
    scheduleSeconds: Type.Integer({ minimum: 10, maximum: DAY_SECONDS, default: 300 }),
    candidates: Type.Array(CandidateConfigSchema, { default: [], maxItems: 100 }),
    /** Istio data-plane target version; empty reads it from istiod's image. */
    istioTargetVersion: Type.String({ maxLength: 64, default: '' }),
  },
  { additionalProperties: false, default: {} },
);
export type VerdictConfig = Static<typeof VerdictConfigSchema>;
