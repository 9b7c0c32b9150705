import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { spawnLogged } from './processes.js';

/** Prometheus config scraping `targets` every second and sending alerts to `alertmanagerHost`. */
export function prometheusConfig(targets: string[], rulesFile: string, alertmanagerHost?: string): string {
  return stringify({
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [rulesFile],
    scrape_configs: [{ job_name: 'gapwatch', static_configs: [{ targets }] }],
    ...(alertmanagerHost ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [alertmanagerHost] }] }] } } : {}),
  });
}

/** Alertmanager config with one catch-all receiver that notifies nobody, grouped without delay. */
export function alertmanagerConfig(): string {
  return stringify({
    route: { receiver: 'demo', group_wait: '0s', group_interval: '1s', repeat_interval: '1h' },
    receivers: [{ name: 'demo' }],
  });
}

/** Command line of Debian's `prometheus` bound to loopback with storage under `directory`. */
export function prometheusArgs(directory: string, port: number): string[] {
  return [
    `--config.file=${join(directory, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(directory, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ];
}

/** Command line of Debian's `prometheus-alertmanager` bound to loopback, without clustering. */
export function alertmanagerArgs(directory: string, port: number): string[] {
  return [
    `--config.file=${join(directory, 'alertmanager.yml')}`,
    `--storage.path=${join(directory, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ];
}

export interface MonitoringProcesses {
  prometheusUrl: string;
  alertmanagerUrl: string;
  children: ChildProcess[];
}

/** Starts Prometheus and Alertmanager for the demo, each logging to a file in its directory. */
export function startMonitoring(directory: string, targets: string[], rules: string, ports: { prometheus: number; alertmanager: number }): MonitoringProcesses {
  const prometheusDir = join(directory, 'prometheus');
  const alertmanagerDir = join(directory, 'alertmanager');
  mkdirSync(prometheusDir, { recursive: true });
  mkdirSync(alertmanagerDir, { recursive: true });
  writeFileSync(join(prometheusDir, 'rules.yaml'), rules);
  writeFileSync(join(alertmanagerDir, 'alertmanager.yml'), alertmanagerConfig());
  writeFileSync(
    join(prometheusDir, 'prometheus.yml'),
    prometheusConfig(targets, join(prometheusDir, 'rules.yaml'), `127.0.0.1:${ports.alertmanager}`),
  );

  return {
    prometheusUrl: `http://127.0.0.1:${ports.prometheus}`,
    alertmanagerUrl: `http://127.0.0.1:${ports.alertmanager}`,
    children: [
      spawnLogged('prometheus-alertmanager', alertmanagerArgs(alertmanagerDir, ports.alertmanager), join(alertmanagerDir, 'alertmanager.log')),
      spawnLogged('prometheus', prometheusArgs(prometheusDir, ports.prometheus), join(prometheusDir, 'prometheus.log')),
    ],
  };
}
