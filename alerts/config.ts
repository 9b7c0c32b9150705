import { Type, type Static } from '@sinclair/typebox';

const Duration = (defaultValue: string, description: string) =>
  Type.String({ pattern: '^([0-9]+(ms|s|m|h|d|w|y))+$', default: defaultValue, description });

/**
 * Thresholds and durations of the alert rules. Operators override them in a YAML file passed to
 * `gapwatch alerts --config`, so the rules themselves never need a fork.
 */
export const AlertsConfigSchema = Type.Object(
  {
    /** Extra label matchers added to every gapwatch series, e.g. `job="gapwatch-collector"`. */
    selector: Type.String({ default: '', description: 'PromQL label matchers without braces' }),
    /** `%s` is replaced by the alert name in lower case. */
    runbookUrlPattern: Type.String({ pattern: '%s', default: 'docs/runbook.md#%s' }),
    pullLatencyP99Seconds: Type.Number({ exclusiveMinimum: 0, default: 5 }),
    pullLatencyFor: Duration('5m', 'how long p99 must stay above the threshold'),
    pullFailureRatio: Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.01 }),
    pullFailureWindow: Duration('30m', 'rate window of the failure ratio'),
    pullFailureFor: Duration('15m', 'how long the ratio must stay above the threshold'),
    upstreamPullWindow: Duration('15m', 'window in which any upstream-served pull fires'),
    upstreamPullFor: Duration('1m', 'hold time of the upstream pull alert'),
    leakProbeFor: Duration('2m', 'hold time of a confirmed reachable registry'),
    egressFor: Duration('2m', 'hold time of non-mirror outbound connections'),
    mirrorDiskUsedRatio: Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.8 }),
    mirrorDiskFor: Duration('10m', 'hold time of the mirror disk alert'),
    certificateWarningDays: Type.Number({ exclusiveMinimum: 0, default: 30 }),
    certificateCriticalDays: Type.Number({ exclusiveMinimum: 0, default: 7 }),
    certificateFor: Duration('10m', 'hold time of the certificate expiry alerts'),
    /** Lint rule ids that make a node's registry configuration insecure. */
    insecureConfigRules: Type.Array(Type.String({ pattern: '^[a-z0-9_.-]+$' }), {
      default: ['skip_verify', 'plain_http_mirror', 'auth_file_permissions'],
    }),
    insecureConfigFor: Duration('10m', 'hold time of the insecure configuration alert'),
    agentSilentSeconds: Type.Number({ exclusiveMinimum: 0, default: 300 }),
    agentSilentFor: Duration('5m', 'hold time of the silent agent alert'),
    staleSidecarFor: Duration('1h', 'hold time of the stale istio-proxy alert'),
    gcVerdictFor: Duration('1m', 'hold time of the verdict regression alert'),
    admissionWindow: Duration('10m', 'window in which any admission rejection fires'),
    admissionFor: Duration('1m', 'hold time of the admission rejection alerts'),
    /** Kyverno counts admission reviews in kyverno_admission_requests_total. */
    kyvernoRejectionSelector: Type.String({
      default: 'kyverno_admission_requests_total{request_allowed="false",resource_kind="Pod"}',
    }),
    /**
     * Sigstore policy-controller reports through knative's webhook request counter; its metric
     * prefix depends on the install, so the default matches any name ending in the counter's name.
     */
    sigstoreRejectionSelector: Type.String({
      default: '{__name__=~".*webhook_request_count",admission_allowed="false",kind_kind="Pod"}',
    }),
  },
  { additionalProperties: false, default: {} },
);
export type AlertsConfig = Static<typeof AlertsConfigSchema>;
