import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsConfigSchema, type AlertsConfig } from '../../alerts/config.js';
import { renderAlerts } from '../../alerts/render.js';
import type { RunningDemo } from '../../cli/demo/run.js';
import { validateConfig } from '../../core/config.js';
import { buildDashboards } from '../../dashboards/build.js';
import { expandVariables, panelQueries } from '../../dashboards/queries.js';
import { cliPath } from '../lab/gapwatch.js';
import { ProcessRegistry, waitFor } from '../lab/processes.js';
import {
  MONITORING_BINARIES,
  alertmanagerAlerts,
  queryPrometheus,
  startAlertmanager,
  startDiscoveringPrometheus,
  type DiscoveringPrometheus,
  type LabMonitor,
  type ManagedAlert,
  type Sample,
} from '../lab/prometheus.js';
import { requireLab } from '../lab/require.js';

// Throws under CI=true when a binary is missing, naming its Debian package.
const skipReason = requireLab(MONITORING_BINARIES);

// Hold times of seconds, set through the same validated config `gapwatch alerts --config` reads.
const TEST_ALERTS = validateConfig(
  AlertsConfigSchema,
  {
    pullLatencyFor: '2s',
    pullFailureFor: '2s',
    upstreamPullFor: '2s',
    leakProbeFor: '2s',
    egressFor: '2s',
    mirrorDiskFor: '2s',
    certificateFor: '2s',
    insecureConfigFor: '2s',
    agentSilentFor: '2s',
    staleSidecarFor: '2s',
    gcVerdictFor: '2s',
    admissionFor: '2s',
  },
  'monitoring e2e alert settings',
) as AlertsConfig;

/** Hosts the demo chose at start, read back from the files it wrote. */
interface DemoHosts {
  mirror: string;
  upstream: string;
  leakTarget: string;
  caFile: string;
}

/** Placeholders in the tables below, replaced with the hosts the demo chose at start. */
type HostPlaceholder = '{mirror}' | '{upstream}' | '{leakTarget}' | '{caFile}';

/** An alert Alertmanager must hold: a subset of its labels, and text its description contains. */
interface ExpectedAlert {
  alertname: string;
  case: string;
  labels: Record<string, string>;
  mentions: string[];
}

/** An alert Alertmanager must not hold for the given labels; each row's comment gives the reason. */
interface SilentAlert {
  alertname: string;
  case: string;
  labels: Record<string, string>;
}

const FIRING: ExpectedAlert[] = [
  {
    alertname: 'GapwatchPullServedByUpstream',
    case: 'node-a docker.io',
    labels: { severity: 'critical', node: 'node-a', namespace: 'docker.io' },
    mentions: ['node-a', 'docker.io'],
  },
  {
    alertname: 'GapwatchPullServedByUpstream',
    case: 'node-b us-docker.pkg.dev',
    labels: { severity: 'critical', node: 'node-b', namespace: 'us-docker.pkg.dev' },
    mentions: ['node-b', 'us-docker.pkg.dev'],
  },
  {
    alertname: 'GapwatchCertificateExpiryCritical',
    case: '5-day server certificate',
    labels: { severity: 'critical', node: 'node-a', source: 'served', path_or_host: '{mirror}', subject: 'CN=mirror.demo.internal' },
    mentions: ['node-a', '{mirror}', 'CN=mirror.demo.internal'],
  },
  {
    alertname: 'GapwatchCertificateExpiringSoon',
    case: '20-day CA file',
    labels: { severity: 'warning', node: 'node-b', source: 'file', path_or_host: '{caFile}', subject: 'CN=gapwatch demo mirror CA' },
    mentions: ['node-b', '{caFile}', 'CN=gapwatch demo mirror CA'],
  },
  {
    alertname: 'GapwatchCertificateExpiringSoon',
    case: '5-day server certificate',
    labels: { severity: 'warning', node: 'node-b', source: 'served', path_or_host: '{mirror}', subject: 'CN=mirror.demo.internal' },
    mentions: ['node-b', '{mirror}', 'CN=mirror.demo.internal'],
  },
  {
    alertname: 'GapwatchPublicRegistryReachable',
    case: 'node-a 401 registry',
    labels: { severity: 'critical', node: 'node-a', target: '{leakTarget}', path: 'direct' },
    mentions: ['node-a', '{leakTarget}', 'direct'],
  },
  {
    alertname: 'GapwatchPublicRegistryReachable',
    case: 'node-b 401 registry',
    labels: { severity: 'critical', node: 'node-b', target: '{leakTarget}', path: 'direct' },
    mentions: ['node-b', '{leakTarget}', 'direct'],
  },
  {
    alertname: 'GapwatchInsecureRegistryConfig',
    case: 'node-a skip_verify',
    labels: { severity: 'warning', node: 'node-a', rule: 'skip_verify' },
    mentions: ['node-a', 'skip_verify'],
  },
  {
    alertname: 'GapwatchInsecureRegistryConfig',
    case: 'node-b skip_verify',
    labels: { severity: 'warning', node: 'node-b', rule: 'skip_verify' },
    mentions: ['node-b', 'skip_verify'],
  },
  {
    alertname: 'GapwatchNonMirrorEgress',
    case: 'node-b connection to 203.0.113.10',
    labels: { severity: 'critical', node: 'node-b' },
    mentions: ['node-b'],
  },
  {
    alertname: 'GapwatchStaleIstioProxies',
    case: 'sidecar 1.24.2',
    labels: { severity: 'info', version: '1.24.2', mode: 'sidecar' },
    mentions: ['1.24.2', 'sidecar'],
  },
];

// GapwatchMirrorDiskFull is left out: the demo reports this host's real disk usage.
const SILENT: SilentAlert[] = [
  // node-a's /proc/net snapshot in the demo holds loopback connections only.
  { alertname: 'GapwatchNonMirrorEgress', case: 'node-a', labels: { node: 'node-a' } },
  // Both agents report every 2 s, far below the 300 s silence threshold.
  { alertname: 'GapwatchAgentSilent', case: 'any node', labels: {} },
  // No Kyverno runs here, so its admission counter does not exist.
  { alertname: 'GapwatchKyvernoRejectedPods', case: 'any namespace', labels: {} },
  // No Sigstore policy-controller runs here either.
  { alertname: 'GapwatchSigstoreRejectedPods', case: 'any namespace', labels: {} },
  // The candidate is UNSAFE from the first verdict (1.24.2 sidecars still run), never SAFE before.
  { alertname: 'GapwatchGcCandidateTurnedUnsafe', case: 'istio-1.24', labels: {} },
  // Every pull on node-b ended within 2.5 s, so its p99 stays below the 5 s threshold.
  { alertname: 'GapwatchPullLatencyHigh', case: 'node-b', labels: { node: 'node-b' } },
  // The port standing for the public upstream is closed, so its probes are refused.
  { alertname: 'GapwatchPublicRegistryReachable', case: 'closed upstream port', labels: { target: '{upstream}' } },
];

const QUERY_WAIT_MS = 30_000;
const ALERT_WAIT_MS = 90_000;

describe.skipIf(skipReason !== null)('monitoring pipeline', () => {
  const registry = new ProcessRegistry();
  let directory: string;
  let demo: RunningDemo | undefined;
  let prometheus: DiscoveringPrometheus;
  let alertmanager: LabMonitor;
  let hosts: DemoHosts;
  let scrapeStartedAt: number;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'gw-monitoring-'));

    // Prometheus runs before the demo, so it scrapes every counter from its first value.
    alertmanager = await startAlertmanager({ registry });
    prometheus = await startDiscoveringPrometheus({ rules: renderAlerts(TEST_ALERTS, 'rules'), alertmanagerUrl: alertmanager.url, registry });

    const { startDemo } = (await import(pathToFileURL(join(dirname(cliPath()), 'demo', 'run.js')).href)) as typeof import('../../cli/demo/run.js');
    demo = await startDemo({ directory: join(directory, 'demo'), monitoring: false, write: () => {} });
    const targets = [new URL(demo.collectorUrl).host, ...demo.agentMetricsUrls.map((url) => new URL(url).host)];
    prometheus.setTargets(targets);
    scrapeStartedAt = Date.now();
    hosts = readDemoHosts(demo.directory);

    await waitFor(
      async () => {
        const up = await queryPrometheus(prometheus.url, 'up{job="gapwatch"} == 1');
        return up.length === targets.length ? true : undefined;
      },
      { timeoutMs: 20_000, what: `Prometheus to scrape ${targets.join(', ')}`, details: () => prometheus.process.output().split('\n').slice(-10).join('\n') },
    );
    await demo.replayed;
  });

  afterAll(async () => {
    await demo?.stop();
    await registry.stopAll();
    if (directory) {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  describe('alerts', () => {
    let listed: ManagedAlert[] = [];

    // One wait for the whole table, so a broken pipeline fails every case within ALERT_WAIT_MS.
    beforeAll(async () => {
      const expectedAlerts = FIRING.map((expected) => ({ alertname: expected.alertname, labels: resolveHosts(expected.labels, hosts) }));
      const deadline = Date.now() + ALERT_WAIT_MS;
      for (;;) {
        listed = await alertmanagerAlerts(alertmanager.url);
        const complete = expectedAlerts.every(({ alertname, labels }) => listed.some((alert) => matches(alert, alertname, labels)));
        if (complete || Date.now() > deadline) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    });

    it.each(FIRING.map((expected) => [expected.alertname, expected.case, expected] as const))('%s fires for %s', (_name, _case, expected) => {
      const labels = resolveHosts(expected.labels, hosts);
      const alert = listed.find((candidate) => matches(candidate, expected.alertname, labels));

      expect(alert, `${expected.alertname} ${JSON.stringify(labels)} within ${ALERT_WAIT_MS} ms; Alertmanager listed ${describeAlerts(listed)}`).toBeDefined();
      if (!alert) {
        return;
      }
      expect(alert.status.state).toBe('active');
      for (const [name, value] of Object.entries(labels)) {
        expect(alert.labels[name], `label ${name} of ${expected.alertname}`).toBe(value);
      }
      for (const text of expected.mentions) {
        expect(alert.annotations.description, `description of ${expected.alertname}`).toContain(resolveHost(text, hosts));
      }
      expect(alert.annotations.summary.length).toBeGreaterThan(0);
    });

    // Runs after the firing cases, so Prometheus has evaluated every rule on the whole replay.
    it.each(SILENT.map((expected) => [expected.alertname, expected.case, expected] as const))('%s silent for %s', async (_name, _case, expected) => {
      const labels = resolveHosts(expected.labels, hosts);
      const alerts = await alertmanagerAlerts(alertmanager.url);

      const matching = alerts.filter((alert) => matches(alert, expected.alertname, labels));

      expect(matching, `${expected.alertname} ${JSON.stringify(labels)}`).toEqual([]);
    });
  });

  describe('dashboards', () => {
    const queries = Object.entries(buildDashboards()).flatMap(([name, model]) => panelQueries(name, model as never));
    let deadline = 0;

    // Every panel shares one wait, so a pipeline without data fails them all within QUERY_WAIT_MS.
    beforeAll(() => {
      deadline = Date.now() + QUERY_WAIT_MS;
    });

    it.each(queries.map((query) => [`${query.dashboard} ${query.panel} ${query.refId}`, query] as const))(
      'panel %s returns data',
      async (_where, query) => {
        const expr = () => expandVariables(query.expr, { range: sinceScrapeStart(), rateInterval: sinceScrapeStart(), node: 'node-a' });
        let last: Sample[] = [];

        const samples = await waitFor(
          async () => {
            last = await queryPrometheus(prometheus.url, expr());
            return last.some((sample) => Number.isFinite(Number(sample.value[1]))) ? last : undefined;
          },
          { timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: 500, what: `a finite value from ${expr()}`, details: () => `last result: ${JSON.stringify(last)}` },
        );

        expect(samples.length).toBeGreaterThan(0);
      },
    );

    // The replay has two pulls served by the upstream, each the first of its series.
    it('upstream panel counts both leaks', async () => {
      const panel = queries.find((query) => query.panel === 'Pulls served by upstream')!;
      const expr = expandVariables(panel.expr, { range: sinceScrapeStart(), rateInterval: sinceScrapeStart(), node: 'node-a' });

      const samples = await queryPrometheus(prometheus.url, expr);

      expect(samples.map((sample) => Number(sample.value[1]))).toEqual([2]);
    });
  });

  describe('promtool check metrics', () => {
    const metricsUrl: Record<string, () => string> = {
      collector: () => `${demo!.collectorUrl}/metrics`,
      'agent node-a': () => demo!.agentMetricsUrls[0]!,
      'agent node-b': () => demo!.agentMetricsUrls[1]!,
    };

    it.each(Object.keys(metricsUrl))('promtool accepts %s metrics', async (name) => {
      const url = metricsUrl[name]!();
      const body = await (await fetch(url)).text();

      const result = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });

      expect(`${result.stdout}${result.stderr}`, `promtool check metrics on the ${name} (${url})`).toBe('');
      expect(result.status, `promtool exit status for the ${name}`).toBe(0);
    });
  });

  /** Instant-query window from the first scrape to now, in whole seconds, so windows see every sample. */
  function sinceScrapeStart(): string {
    return `${Math.ceil((Date.now() - scrapeStartedAt) / 1000) + 5}s`;
  }

  function readDemoHosts(demoDirectory: string): DemoHosts {
    const hostsToml = readFileSync(join(demoDirectory, 'certs.d', 'docker.io', 'hosts.toml'), 'utf8');
    const agent = parse(readFileSync(join(demoDirectory, 'node-a', 'agent.yaml'), 'utf8')) as { probes: { targets: string[]; caFiles: string[] } };
    const mirror = /\[host\."https:\/\/([^"]+)"\]/.exec(hostsToml)?.[1];
    const upstream = /^server = "https:\/\/([^"]+)"/m.exec(hostsToml)?.[1];
    if (!mirror || !upstream) {
      throw new Error(`no mirror or server host in ${join(demoDirectory, 'certs.d', 'docker.io', 'hosts.toml')}:\n${hostsToml}`);
    }
    return { mirror, upstream, leakTarget: agent.probes.targets[0]!, caFile: agent.probes.caFiles[0]! };
  }
});

function matches(alert: ManagedAlert, alertname: string, labels: Record<string, string>): boolean {
  return alert.labels.alertname === alertname && Object.entries(labels).every(([name, value]) => alert.labels[name] === value);
}

function describeAlerts(alerts: ManagedAlert[]): string {
  return alerts.length === 0 ? 'no alerts' : alerts.map((alert) => JSON.stringify(alert.labels)).join(', ');
}

function resolveHost(text: string, hosts: DemoHosts): string {
  const placeholders: Record<HostPlaceholder, string> = {
    '{mirror}': hosts.mirror,
    '{upstream}': hosts.upstream,
    '{leakTarget}': hosts.leakTarget,
    '{caFile}': hosts.caFile,
  };
  return placeholders[text as HostPlaceholder] ?? text;
}

function resolveHosts(labels: Record<string, string>, hosts: DemoHosts): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([name, value]) => [name, resolveHost(value, hosts)]));
}
