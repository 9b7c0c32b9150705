import { percentiles } from '../../core/percentiles.js';
import type { MonitoringProcesses } from './monitoring.js';

interface ApiPull {
  node: string;
  image: string;
  outcome: string;
  servedBy: string;
  servedHost: string | null;
  failureCause: string | null;
  durationSeconds: number | null;
}

export interface SummaryInput {
  collectorUrl: string;
  monitoring: MonitoringProcesses | null;
  /** Whether the processes stay up after the summary, so their URLs are worth printing. */
  keepRunning: boolean;
  /** What each loopback `host:port` stands for, printed beside it. */
  names: Record<string, string>;
  write: (text: string) => void;
}

/** Prints what the collector stored: pulls, leaks, failures, probes, lint, certificates, Istio and a verdict. */
export async function printSummary(input: SummaryInput): Promise<void> {
  const say = (line = '') => input.write(`${line}\n`);
  const named = (host: string | null | undefined) => (host && input.names[host] ? `${host} (${input.names[host]})` : (host ?? '?'));
  const get = async <T>(path: string): Promise<T> => (await fetch(`${input.collectorUrl}${path}`)).json() as Promise<T>;

  const { pulls } = await get<{ pulls: ApiPull[] }>('/api/v1/pulls?limit=1000');
  const mirror = pulls.filter((pull) => pull.outcome === 'success' && pull.servedBy === 'mirror');
  const upstream = pulls.filter((pull) => pull.outcome === 'success' && pull.servedBy === 'upstream');
  const failed = pulls.filter((pull) => pull.outcome !== 'success');
  const causes = new Map<string, number>();
  for (const pull of failed) {
    const cause = pull.outcome === 'abandoned' ? 'abandoned' : (pull.failureCause ?? 'other');
    causes.set(cause, (causes.get(cause) ?? 0) + 1);
  }
  const durations = pulls.flatMap((pull) => (pull.durationSeconds === null ? [] : [pull.durationSeconds]));

  say();
  say('== what the collector saw ==');
  say(`pulls ${pulls.length}: mirror hits ${mirror.length}, served by the upstream (leaks) ${upstream.length}, failed or abandoned ${failed.length}`);
  say(`mirror hit ratio ${pulls.length === 0 ? 'n/a' : `${((mirror.length / pulls.length) * 100).toFixed(0)} %`}`);
  say(`failures by cause: ${[...causes].map(([cause, count]) => `${cause} ${count}`).join(', ') || 'none'}`);
  const [p50, p95, p99] = percentiles(durations, [0.5, 0.95, 0.99]);
  say(`pull duration p50 ${format(p50 ?? null)}, p95 ${format(p95 ?? null)}, p99 ${format(p99 ?? null)}`);
  for (const pull of upstream) {
    say(`  LEAK  ${pull.node}  ${pull.image} served by ${named(pull.servedHost)}`);
  }

  const metrics = await (await fetch(`${input.collectorUrl}/metrics`)).text();
  say();
  say('== proof of the gap, per node ==');
  for (const line of pick(metrics, /^gapwatch_leak_probe_outcome\{.*\} 1$/)) {
    const target = labels(line, ['target']);
    say(`  probe   ${labels(line, ['node'])}  ${named(target)}  ${labels(line, ['path', 'outcome'])}`);
  }
  for (const line of pick(metrics, /^gapwatch_egress_connection_info\{/)) {
    say(`  egress  ${labels(line, ['node', 'remote', 'port', 'state'])} (outside the mirror networks)`);
  }
  for (const line of pick(metrics, /^gapwatch_config_findings\{/)) {
    say(`  lint    ${labels(line, ['node', 'rule', 'severity'])} x${line.split(' ').at(-1)}`);
  }
  const now = Date.now() / 1000;
  for (const line of pick(metrics, /^gapwatch_certificate_not_after_timestamp_seconds\{/)) {
    const days = (Number(line.split(' ').at(-1)) - now) / 86400;
    say(`  cert    ${labels(line, ['node', 'source', 'subject'])} expires in ${days.toFixed(1)} days`);
  }

  say();
  say('== Istio data plane and GC verdict ==');
  const stale = await get<{ pods?: Array<{ namespace: string; name: string; node: string; version: string }> }>('/api/v1/istio/stale');
  for (const pod of stale.pods ?? []) {
    say(`  stale sidecar ${pod.namespace}/${pod.name} on ${pod.node}: ${pod.version}`);
  }
  const verdict = await postVerdict(input.collectorUrl, DEMO_CANDIDATE);
  say(`  may ${DEMO_CANDIDATE.delete.join(', ')} be deleted from the mirror? ${verdict.verdict}`);
  for (const reason of verdict.reasons) {
    const objects = reason.objects.map((object) => `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`).join(', ');
    say(`    ${reason.severity.toUpperCase().padEnd(7)} ${reason.message}${objects ? ` (${objects})` : ''}`);
  }
  say(`  the same from a pipeline: gapwatch verdict --collector ${input.collectorUrl} --delete FILE --keep FILE`);

  if (input.monitoring) {
    await printAlerts(input.monitoring.prometheusUrl, say);
  }

  say();
  if (!input.keepRunning) {
    say('everything is stopped now; run `npm run demo -- --keep-running` to browse the metrics, APIs and alerts.');
    return;
  }
  say('== where to look ==');
  say(`  ${input.collectorUrl}/metrics             Prometheus metrics`);
  say(`  ${input.collectorUrl}/api/v1/pulls        pull records`);
  say(`  ${input.collectorUrl}/api/v1/nodes        agents and their last report`);
  say(`  ${input.collectorUrl}/api/v1/istio/stale  sidecars on an old version`);
  if (input.monitoring) {
    say(`  ${input.monitoring.prometheusUrl}/alerts    firing alerts in Prometheus`);
    say(`  ${input.monitoring.alertmanagerUrl}/#/alerts  alerts in Alertmanager`);
  }
}

/** Prints the alerts Prometheus evaluates as firing or pending, one line each. */
async function printAlerts(prometheusUrl: string, say: (line?: string) => void): Promise<void> {
  const response = await fetch(`${prometheusUrl}/api/v1/alerts`).catch(() => null);
  const body = (await response?.json().catch(() => null)) as { data?: { alerts?: Array<{ state: string; labels: Record<string, string> }> } } | null;
  const alerts = body?.data?.alerts ?? [];
  say();
  say(`== alerts in Prometheus (${alerts.length}) ==`);
  for (const alert of alerts) {
    const { alertname, severity, ...rest } = alert.labels;
    const detail = Object.entries(rest)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
    say(`  ${alert.state.padEnd(8)} ${(severity ?? '').padEnd(8)} ${alertname ?? '?'}  ${detail}`);
  }
}

interface VerdictAnswer {
  verdict: string;
  reasons: Array<{ severity: string; message: string; objects: Array<{ kind: string; namespace?: string; name: string }> }>;
}

/** The Istio upgrade the demo cluster is in the middle of: 1.24.2 sidecars linger after 1.25.0. */
export const DEMO_CANDIDATE = {
  delete: ['registry.example/istio/proxyv2:1.24.2'],
  keep: ['registry.example/istio/proxyv2:1.25.0'],
};

async function postVerdict(collectorUrl: string, candidate: typeof DEMO_CANDIDATE): Promise<VerdictAnswer> {
  const response = await fetch(`${collectorUrl}/api/v1/verdicts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...candidate, windowSeconds: 60 }),
  });
  return (await response.json()) as VerdictAnswer;
}

function pick(metrics: string, pattern: RegExp): string[] {
  return metrics.split('\n').filter((line) => pattern.test(line));
}

function labels(line: string, names: string[]): string {
  return names
    .map((name) => new RegExp(`${name}="([^"]*)"`).exec(line)?.[1])
    .filter((value): value is string => value !== undefined)
    .join('  ');
}

function format(seconds: number | null): string {
  if (seconds === null) {
    return 'n/a';
  }
  return seconds < 1 ? `${(seconds * 1000).toFixed(0)} ms` : `${seconds.toFixed(2)} s`;
}
