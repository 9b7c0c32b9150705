import { Type, type Static } from '@sinclair/typebox';

/**
 * How one probe of a public registry's `/v2/` ended. `reachable` (any HTTP answer, 401 included)
 * is a leak; the others name what blocked the path: `nxdomain` DNS, `refused` a REJECT rule,
 * `timeout` a DROP or blackhole, `unreachable` no route, `tls` a certificate that does not
 * verify (an interception proxy), `denied` a proxy that rejected CONNECT, `error` anything else.
 */
export const PROBE_OUTCOMES = ['reachable', 'nxdomain', 'refused', 'timeout', 'unreachable', 'tls', 'denied', 'error'] as const;
/** Reported outcomes add `pending`: no outcome has repeated enough times yet. */
export const REPORTED_OUTCOMES = [...PROBE_OUTCOMES, 'pending'] as const;
export const PROBE_PATHS = ['direct', 'proxy'] as const;

export const MAX_PROBE_RESULTS = 256;

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((value) => Type.Literal(value)));

export const ProbeResultSchema = Type.Object(
  {
    /** `host[:port]` probed; port 443 is left out. */
    target: Type.String({ minLength: 1, maxLength: 261 }),
    path: literals(PROBE_PATHS),
    /** Proxy URL without user info, for the `proxy` path. */
    proxy: Type.Optional(Type.String({ maxLength: 300 })),
    /** Confirmed outcome, or `pending`. */
    outcome: literals(REPORTED_OUTCOMES),
    /** True when the confirmed outcome is `reachable`. */
    reachable: Type.Boolean(),
    /** Raw text behind the confirmed outcome (or the newest one while pending): error message or HTTP status. */
    detail: Type.String({ maxLength: 500 }),
    /** Newest unconfirmed outcome, which differs from `outcome` while a change awaits confirmation. */
    latestOutcome: literals(PROBE_OUTCOMES),
    /** Runs in a row with `latestOutcome`. */
    streak: Type.Integer({ minimum: 1 }),
    /** Duration of the newest probe on this path. */
    durationSeconds: Type.Number({ minimum: 0, maximum: 3600 }),
    checkedAt: Type.String({ format: 'date-time' }),
    /** When the confirmed outcome was first confirmed; absent while pending. */
    confirmedSince: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type ProbeResult = Static<typeof ProbeResultSchema>;

export const ProbesSectionSchema = Type.Object(
  {
    results: Type.Array(ProbeResultSchema, { maxItems: MAX_PROBE_RESULTS }),
    /** Problems that limited the probe set (unreadable certs.d, invalid proxy URL), newest run only. */
    problems: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type ProbesSection = Static<typeof ProbesSectionSchema>;
