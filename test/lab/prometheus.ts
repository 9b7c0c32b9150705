import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { alertmanagerArgs, alertmanagerConfig, prometheusArgs, prometheusConfig } from '../../cli/demo/monitoring.js';
import { freePort, spawnManaged, waitFor, type ManagedProcess, type ProcessRegistry } from './processes.js';
import type { LabBinary } from './require.js';

/** Binaries of the monitoring suites, all from Debian's packages. */
export const MONITORING_BINARIES: readonly LabBinary[] = [
  { command: 'prometheus', debianPackage: 'prometheus' },
  { command: 'promtool', debianPackage: 'prometheus' },
  { command: 'prometheus-alertmanager', debianPackage: 'prometheus-alertmanager' },
  { command: 'openssl', debianPackage: 'openssl' },
];

/** A Prometheus or Alertmanager from Debian's packages, on loopback, with its own temporary storage. */
export interface LabMonitor {
  readonly url: string;
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** `host:port` targets scraped every second as job `gapwatch`. */
  targets: string[];
  /** Rendered rule file contents, written beside the config. */
  rules: string;
  /** Alertmanager base URL, `http://127.0.0.1:PORT`. */
  alertmanagerUrl?: string;
  registry?: ProcessRegistry;
}

/** Starts `prometheus` scraping and evaluating every second, and waits until it is ready. */
export async function startPrometheus(options: PrometheusOptions): Promise<LabMonitor> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-prometheus-'));
  const port = await freePort();
  writeFileSync(join(dir, 'rules.yaml'), options.rules);
  const alertmanagerHost = options.alertmanagerUrl ? new URL(options.alertmanagerUrl).host : undefined;
  writeFileSync(join(dir, 'prometheus.yml'), prometheusConfig(options.targets, join(dir, 'rules.yaml'), alertmanagerHost));

  const child = spawnManaged('prometheus', prometheusArgs(dir, port), {
    name: 'prometheus',
    logFile: join(dir, 'prometheus.log'),
    registry: options.registry,
  });
  const url = `http://127.0.0.1:${port}`;
  return finishStart(url, child, dir, options.registry);
}

/** A Prometheus whose scrape targets are set after it started. */
export interface DiscoveringPrometheus extends LabMonitor {
  /** Replaces the `host:port` targets of job `gapwatch`; Prometheus reloads them within a second. */
  setTargets(targets: string[]): void;
}

/**
 * Starts `prometheus` with targets from a file_sd file, so it can run before the targets exist
 * and scrape a counter from its first value. Scrapes and rule evaluations run every second.
 */
export async function startDiscoveringPrometheus(options: Omit<PrometheusOptions, 'targets'>): Promise<DiscoveringPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-prometheus-'));
  const port = await freePort();
  const targetsFile = join(dir, 'targets.json');
  const setTargets = (targets: string[]) => {
    // Prometheus watches the file, so it must never see a half-written one.
    writeFileSync(`${targetsFile}.tmp`, JSON.stringify([{ targets }]));
    renameSync(`${targetsFile}.tmp`, targetsFile);
  };
  setTargets([]);
  writeFileSync(join(dir, 'rules.yaml'), options.rules);
  writeFileSync(join(dir, 'prometheus.yml'), discoveringConfig(targetsFile, join(dir, 'rules.yaml'), options.alertmanagerUrl));

  const child = spawnManaged('prometheus', prometheusArgs(dir, port), {
    name: 'prometheus',
    logFile: join(dir, 'prometheus.log'),
    registry: options.registry,
  });
  const monitor = await finishStart(`http://127.0.0.1:${port}`, child, dir, options.registry);
  return Object.assign(monitor, { setTargets });
}

function discoveringConfig(targetsFile: string, rulesFile: string, alertmanagerUrl?: string): string {
  const alerting = alertmanagerUrl ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [new URL(alertmanagerUrl).host] }] }] } } : {};
  return stringify({
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [rulesFile],
    scrape_configs: [{ job_name: 'gapwatch', file_sd_configs: [{ files: [targetsFile], refresh_interval: '1s' }] }],
    ...alerting,
  });
}

export interface AlertmanagerOptions {
  registry?: ProcessRegistry;
}

/** Starts `prometheus-alertmanager` with one catch-all receiver and no clustering. */
export async function startAlertmanager(options: AlertmanagerOptions = {}): Promise<LabMonitor> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-alertmanager-'));
  const port = await freePort();
  writeFileSync(join(dir, 'alertmanager.yml'), alertmanagerConfig());
  const child = spawnManaged('prometheus-alertmanager', alertmanagerArgs(dir, port), {
    name: 'alertmanager',
    logFile: join(dir, 'alertmanager.log'),
    registry: options.registry,
  });
  return finishStart(`http://127.0.0.1:${port}`, child, dir, options.registry);
}

async function finishStart(url: string, child: ManagedProcess, dir: string, registry?: ProcessRegistry): Promise<LabMonitor> {
  const handle: LabMonitor = {
    url,
    process: child,
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
      registry?.forget(handle);
    },
  };
  registry?.forget(child);
  registry?.track(handle);
  try {
    await waitFor(() => fetch(`${url}/-/ready`).then((response) => (response.ok ? true : undefined), () => undefined), {
      timeoutMs: 30_000,
      what: `${child.name} at ${url} to be ready`,
      details: () => child.output().split('\n').slice(-20).join('\n'),
    });
  } catch (err) {
    await handle.stop();
    throw err;
  }
  return handle;
}

/** One sample of an instant query result. */
export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/** Runs an instant query; throws with Prometheus's own error text when the query fails. */
export async function queryPrometheus(url: string, expr: string): Promise<Sample[]> {
  const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
  const body = (await response.json()) as { status: string; error?: string; data?: { resultType: string; result: Sample[] | [number, string] } };
  if (body.status !== 'success') {
    throw new Error(`query failed: ${expr}: ${body.error ?? response.status}`);
  }
  const result = body.data?.result ?? [];
  // Scalar results come back as a bare [time, value] pair.
  return body.data?.resultType === 'scalar' ? [{ metric: {}, value: result as [number, string] }] : (result as Sample[]);
}

/** Alert as Alertmanager's v2 API lists it. */
export interface ManagedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  status: { state: string };
}

export async function alertmanagerAlerts(url: string): Promise<ManagedAlert[]> {
  const response = await fetch(`${url}/api/v2/alerts`);
  if (!response.ok) {
    throw new Error(`GET ${url}/api/v2/alerts answered ${response.status}`);
  }
  return (await response.json()) as ManagedAlert[];
}
