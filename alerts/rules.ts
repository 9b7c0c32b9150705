import type { AlertsConfig } from './config.js';

export type Severity = 'critical' | 'warning' | 'info';

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: Severity };
  annotations: { summary: string; description: string; runbook_url: string };
}

export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

/** Builds every gapwatch alert from one config; the rule files and PrometheusRule both come from here. */
export function buildRuleGroups(config: AlertsConfig): RuleGroup[] {
  const series = (name: string, matchers = '') => selectSeries(config.selector, name, matchers);
  const rule = (alert: string, severity: Severity, expr: string, hold: string, summary: string, description: string): AlertRule => ({
    alert,
    expr,
    for: hold,
    labels: { severity },
    annotations: {
      summary,
      description,
      runbook_url: config.runbookUrlPattern.replace('%s', alert.toLowerCase()),
    },
  });
  const days = (value: number) => value * 86400;

  return [
    {
      name: 'gapwatch-pulls',
      rules: [
        rule(
          'GapwatchPullLatencyHigh',
          'critical',
          `histogram_quantile(0.99, sum by (node, le) (rate(${series('gapwatch_image_pull_duration_seconds_bucket')}[5m]))) > ${config.pullLatencyP99Seconds}`,
          config.pullLatencyFor,
          'Image pulls on {{ $labels.node }} are slow',
          `The 99th percentile of image pull duration on node {{ $labels.node }} is {{ $value | humanizeDuration }}, above ${config.pullLatencyP99Seconds} s.`,
        ),
        rule(
          'GapwatchPullFailureRateHigh',
          'warning',
          `sum by (image) (rate(${series('gapwatch_image_pull_results_total', 'outcome!="success"')}[${config.pullFailureWindow}]))\n  /\nsum by (image) (rate(${series('gapwatch_image_pull_results_total')}[${config.pullFailureWindow}])) > ${config.pullFailureRatio}`,
          config.pullFailureFor,
          'Pulls of {{ $labels.image }} are failing',
          `{{ $value | humanizePercentage }} of pulls of image {{ $labels.image }} failed or were abandoned over ${config.pullFailureWindow}, above ${config.pullFailureRatio * 100} %.`,
        ),
        rule(
          'GapwatchPullServedByUpstream',
          'critical',
          upstreamPullExpr(series('gapwatch_image_pulls_total', 'served_by="upstream",outcome="success"'), config.upstreamPullWindow),
          config.upstreamPullFor,
          'Node {{ $labels.node }} pulled an image from the public upstream',
          `Node {{ $labels.node }} completed {{ $value | humanize }} pulls from namespace {{ $labels.namespace }} served by the upstream registry, not the mirror, within ${config.upstreamPullWindow}: the air gap leaks.`,
        ),
      ],
    },
    {
      name: 'gapwatch-airgap',
      rules: [
        rule(
          'GapwatchPublicRegistryReachable',
          'critical',
          `max by (node, target, path) (${series('gapwatch_leak_probe_reachable')}) == 1`,
          config.leakProbeFor,
          'Public registry {{ $labels.target }} is reachable from {{ $labels.node }}',
          'The leak probe on node {{ $labels.node }} got an HTTP answer from {{ $labels.target }} over the {{ $labels.path }} path: the node can reach a public registry.',
        ),
        rule(
          'GapwatchNonMirrorEgress',
          'critical',
          `max by (node) (${series('gapwatch_egress_connections')}) > 0`,
          config.egressFor,
          'Node {{ $labels.node }} has outbound connections outside the mirror networks',
          'Node {{ $labels.node }} holds {{ $value }} connections to a watched port on addresses outside the allowed mirror networks.',
        ),
      ],
    },
    {
      name: 'gapwatch-mirror',
      rules: [
        rule(
          'GapwatchMirrorDiskFull',
          'critical',
          `max by (node, path) (${series('gapwatch_filesystem_used_ratio', 'role="mirror"')}) > ${config.mirrorDiskUsedRatio}`,
          config.mirrorDiskFor,
          'Mirror storage on {{ $labels.node }} is filling up',
          `The mirror's storage {{ $labels.path }} on node {{ $labels.node }} is {{ $value | humanizePercentage }} full, above ${config.mirrorDiskUsedRatio * 100} %.`,
        ),
      ],
    },
    {
      name: 'gapwatch-certificates',
      rules: [
        rule(
          'GapwatchCertificateExpiringSoon',
          'warning',
          `min by (node, source, path_or_host, subject) (${series('gapwatch_certificate_not_after_timestamp_seconds')}) - time() < ${days(config.certificateWarningDays)}`,
          config.certificateFor,
          'Certificate {{ $labels.subject }} expires soon',
          `The certificate {{ $labels.subject }} ({{ $labels.source }} {{ $labels.path_or_host }}) seen by node {{ $labels.node }} expires in {{ $value | humanizeDuration }}, within ${config.certificateWarningDays} days.`,
        ),
        rule(
          'GapwatchCertificateExpiryCritical',
          'critical',
          `min by (node, source, path_or_host, subject) (${series('gapwatch_certificate_not_after_timestamp_seconds')}) - time() < ${days(config.certificateCriticalDays)}`,
          config.certificateFor,
          'Certificate {{ $labels.subject }} expires within days',
          `The certificate {{ $labels.subject }} ({{ $labels.source }} {{ $labels.path_or_host }}) seen by node {{ $labels.node }} expires in {{ $value | humanizeDuration }}, within ${config.certificateCriticalDays} days: pulls will fail when it does.`,
        ),
      ],
    },
    {
      name: 'gapwatch-config',
      rules: [
        rule(
          'GapwatchInsecureRegistryConfig',
          'warning',
          `sum by (node, rule) (${series('gapwatch_config_findings', `rule=~"${config.insecureConfigRules.join('|')}"`)}) > 0`,
          config.insecureConfigFor,
          'Node {{ $labels.node }} has an insecure registry configuration',
          'Node {{ $labels.node }} has {{ $value }} findings of lint rule {{ $labels.rule }}; run `gapwatch lint` on the node for files, lines and fixes.',
        ),
      ],
    },
    {
      name: 'gapwatch-agents',
      rules: [
        rule(
          'GapwatchAgentSilent',
          'critical',
          `time() - max by (node) (${series('gapwatch_agent_last_report_timestamp_seconds')}) > ${config.agentSilentSeconds}`,
          config.agentSilentFor,
          'The gapwatch agent on {{ $labels.node }} stopped reporting',
          `No report from the agent on node {{ $labels.node }} for {{ $value | humanizeDuration }}; pulls and leak probes on it are unobserved and GC verdicts are UNKNOWN.`,
        ),
      ],
    },
    {
      name: 'gapwatch-istio',
      rules: [
        rule(
          'GapwatchStaleIstioProxies',
          'info',
          `sum by (version, mode) (${series('gapwatch_istio_proxy_pods', 'stale="true"')}) > 0`,
          config.staleSidecarFor,
          'Pods still run Istio data plane {{ $labels.version }}',
          '{{ $value }} pods in {{ $labels.mode }} mode still run Istio data plane version {{ $labels.version }}; they keep that version until restarted and block deleting its images.',
        ),
      ],
    },
    {
      name: 'gapwatch-verdict',
      rules: [
        rule(
          'GapwatchGcCandidateTurnedUnsafe',
          'warning',
          `(${series('gapwatch_gc_verdict')} == 0) and on (candidate) (max_over_time(${series('gapwatch_gc_verdict')}[1d]) == 1)`,
          config.gcVerdictFor,
          'GC candidate {{ $labels.candidate }} is no longer safe to delete',
          'The retention verdict for candidate {{ $labels.candidate }} was SAFE within the last day and is now UNSAFE; stop any deletion of its images and run `gapwatch verdict` for the reasons.',
        ),
      ],
    },
    {
      name: 'gapwatch-admission',
      rules: [
        rule(
          'GapwatchKyvernoRejectedPods',
          'critical',
          `sum by (resource_namespace) (increase(${config.kyvernoRejectionSelector}[${config.admissionWindow}])) > 0`,
          config.admissionFor,
          'Kyverno rejected pods in {{ $labels.resource_namespace }}',
          `Kyverno rejected {{ $value | humanize }} pod admissions in namespace {{ $labels.resource_namespace }} within ${config.admissionWindow}; a mirrored image may fail policy (signature or registry rule).`,
        ),
        rule(
          'GapwatchSigstoreRejectedPods',
          'critical',
          `sum by (resource_namespace) (increase(${config.sigstoreRejectionSelector}[${config.admissionWindow}])) > 0`,
          config.admissionFor,
          'Sigstore policy-controller rejected pods in {{ $labels.resource_namespace }}',
          `The Sigstore policy-controller rejected {{ $value | humanize }} pod admissions in namespace {{ $labels.resource_namespace }} within ${config.admissionWindow}; check that signatures were mirrored with the images.`,
        ),
      ],
    },
  ];
}

/**
 * Builds the upstream pull condition. The collector creates a series with its first leak, at 1,
 * and increase() returns 0 for a series whose first sample is already above zero, so a series
 * younger than the window counts with its whole value.
 */
function upstreamPullExpr(upstreamPulls: string, window: string): string {
  // NOTE: a Prometheus with less than `window` of history also fires for leaks recorded earlier.
  return `sum by (node, namespace) (\n  (${upstreamPulls} unless ${upstreamPulls} offset ${window})\n  or\n  increase(${upstreamPulls}[${window}])\n) > 0`;
}

function selectSeries(selector: string, name: string, matchers: string): string {
  const parts = [selector, matchers].filter((part) => part.length > 0);
  return parts.length === 0 ? name : `${name}{${parts.join(',')}}`;
}
