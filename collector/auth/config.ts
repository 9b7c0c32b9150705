import { Type, type Static } from '@sinclair/typebox';

const SharedTokenSchema = Type.Object(
  {
    /** File holding one bearer token on its first line, typically a mounted Secret key; re-read when it changes. */
    file: Type.String({ minLength: 1 }),
    /**
     * Nodes whose reports this token may carry. Absent means unbound: any holder can report
     * for any node, which is weaker than TokenReview or a per-node token.
     */
    nodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { minItems: 1 })),
  },
  { additionalProperties: false },
);

const TokenReviewSchema = Type.Object(
  {
    /** Audience the agents' projected service-account tokens carry; TokenReview must confirm it. */
    audience: Type.String({ minLength: 1, default: 'gapwatch' }),
    /** Namespace of the agent service account; tokens of any other account get 403. */
    namespace: Type.String({ minLength: 1, default: 'gapwatch' }),
    /** Name of the agent service account. */
    serviceAccount: Type.String({ minLength: 1, default: 'gapwatch-agent' }),
    /** Seconds a review result is cached, keyed by the token's SHA-256; 0 reviews every request. */
    cacheSeconds: Type.Integer({ minimum: 0, maximum: 600, default: 30 }),
    /** Seconds before a TokenReview call times out and the report is rejected with 503. */
    timeoutSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 60, default: 5 }),
  },
  { additionalProperties: false },
);

const RateLimitSchema = Type.Object(
  {
    /** Reports each authenticated agent may send per second, on average. */
    reportsPerSecond: Type.Number({ exclusiveMinimum: 0, maximum: 10_000, default: 2 }),
    /** Reports an agent may send back to back, e.g. when it drains its spool after an outage. */
    burst: Type.Integer({ minimum: 1, maximum: 100_000, default: 60 }),
  },
  { additionalProperties: false },
);

/**
 * The `auth` section. Agent credentials are combinable: a report is accepted when any
 * configured mode accepts it (shared token, TokenReview, or a client certificate under mTLS),
 * and the report's `node` must be one the credential is bound to. Without this section the
 * collector accepts reports from anyone.
 */
export const AuthConfigSchema = Type.Object(
  {
    /** Unbound shared agent tokens, one per file; same as `sharedTokens` entries without `nodes`. */
    tokenFiles: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    /** Shared agent tokens, each optionally bound to the nodes allowed to use it. */
    sharedTokens: Type.Optional(Type.Array(SharedTokenSchema, { minItems: 1 })),
    /**
     * Kubernetes service-account tokens checked with the TokenReview API through the `kube`
     * section's connection (the preferred mode). The token must be bound to a pod, so the
     * review returns the node name (Kubernetes 1.30+), and that node must equal the report's.
     */
    tokenReview: Type.Optional(TokenReviewSchema),
    /** Per-agent ingest rate limit; excess reports get 429 with Retry-After. */
    rateLimit: Type.Optional(RateLimitSchema),
    /** Token files for POST /api/v1/verdicts; when set, a verdict request must carry one of them. */
    verdictTokenFiles: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    /** Token files for GET /metrics and GET /api/v1/*; when unset those stay open. /healthz and /readyz always stay open. */
    readerTokenFiles: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type AuthConfig = Static<typeof AuthConfigSchema>;

/**
 * The `tls` section: serve HTTPS instead of HTTP. With `clientCaFile` the listener requires
 * and verifies a client certificate (mTLS), and a verified certificate authenticates an agent.
 */
export const TlsConfigSchema = Type.Object(
  {
    /** PEM server certificate chain. */
    certFile: Type.String({ minLength: 1 }),
    /** PEM private key of the server certificate; never logged. */
    keyFile: Type.String({ minLength: 1 }),
    /** PEM CA bundle that client certificates must chain to; enables mTLS. */
    clientCaFile: Type.Optional(Type.String({ minLength: 1 })),
    /**
     * With mTLS, whether the client certificate binds the node: the report's `node` must equal
     * the certificate's CN or one of its DNS SANs. False accepts any verified certificate for any node.
     */
    bindNodeToCertificate: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
export type TlsConfig = Static<typeof TlsConfigSchema>;
