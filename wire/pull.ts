import { Type, type Static } from '@sinclair/typebox';

/** Why a host attempt or a whole pull failed; a small fixed set so it can be a metric label. */
export const FAILURE_CAUSES = [
  'not_found',
  'unauthorized',
  'server_error',
  'tls',
  'refused',
  'unreachable',
  'timeout',
  'dns',
  'http_to_https',
  'canceled',
  'other',
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

export const PULL_OUTCOMES = ['success', 'failure', 'abandoned'] as const;
export type PullOutcome = (typeof PULL_OUTCOMES)[number];

export const SERVED_BY = ['mirror', 'upstream', 'unknown'] as const;
export type ServedBy = (typeof SERVED_BY)[number];

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const AttemptSchema = Type.Object(
  {
    /** Host as containerd names it, `host[:port]`. */
    host: Type.String({ minLength: 1, maxLength: 512 }),
    cause: Type.Union(FAILURE_CAUSES.map((cause) => Type.Literal(cause))),
    /** containerd's own error text, kept for operators. */
    detail: Type.String({ maxLength: 4096 }),
  },
  { additionalProperties: false },
);
export type Attempt = Static<typeof AttemptSchema>;

/** One image pull as the agent reconstructed it from containerd's log. */
export const PullRecordSchema = Type.Object(
  {
    /** Deterministic id: the same pull read twice (after an agent restart) has the same id. */
    id: Type.String({ pattern: '^[0-9a-f]{32}$' }),
    /** Normalised reference, `docker.io/library/nginx:stable` or `...@sha256:...`. */
    image: Type.String({ minLength: 1, maxLength: 1024 }),
    /** Registry host of the reference, as containerd's `ns=` names it (`docker.io`). */
    namespace: Type.String({ minLength: 1, maxLength: 512 }),
    outcome: Type.Union(PULL_OUTCOMES.map((outcome) => Type.Literal(outcome))),
    servedBy: Type.Union(SERVED_BY.map((value) => Type.Literal(value))),
    servedHost: Type.Union([Type.String({ maxLength: 512 }), Type.Null()]),
    /** Hosts that failed before the pull ended, in order. */
    attempts: Type.Array(AttemptSchema, { maxItems: 64 }),
    failureCause: Type.Union([...FAILURE_CAUSES.map((cause) => Type.Literal(cause)), Type.Null()]),
    failureDetail: Nullable(Type.String({ maxLength: 4096 })),
    durationSeconds: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    /** RFC 3339 time of the first line of the pull, from containerd's own timestamp. */
    startedAt: Nullable(Type.String({ maxLength: 64 })),
    endedAt: Nullable(Type.String({ maxLength: 64 })),
    bytes: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    /** Image id (config digest) containerd returned, `sha256:...`. */
    imageId: Nullable(Type.String({ maxLength: 128 })),
    /** Repository digest when containerd printed it, `repo@sha256:...`. */
    repoDigest: Nullable(Type.String({ maxLength: 1024 })),
    /** `trying next host` lines that could belong to this pull or another in flight. */
    ambiguousLines: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type PullRecord = Static<typeof PullRecordSchema>;
