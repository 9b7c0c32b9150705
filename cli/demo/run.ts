import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { validateConfig } from '../../core/config.js';
import { AlertsConfigSchema, type AlertsConfig } from '../../alerts/config.js';
import { renderAlerts } from '../../alerts/render.js';
import { prepareDemoDirectory } from './directory.js';
import { findExecutableOnPath } from './path.js';
import { DEMO_NODES, writeCertsDir, writeContainerdConfig, writeProcNet } from './layout.js';
import { startMonitoring, type MonitoringProcesses } from './monitoring.js';
import { createDemoPki } from './pki.js';
import { freePort, runningChildren, spawnGapwatch, stopAll, waitForHttp } from './processes.js';
import { demoReplay, type DemoHosts } from './scenario.js';
import { startRegistryStub, type DemoServer } from './servers.js';
import { startDemoCluster, type DemoCluster } from './cluster.js';
import { DEMO_CANDIDATE, printSummary } from './summary.js';

/** Alert hold times short enough to fire while the demo runs; thresholds stay the defaults. */
const DEMO_ALERTS: Partial<AlertsConfig> = {
  pullLatencyFor: '5s',
  pullFailureFor: '5s',
  upstreamPullFor: '0s',
  leakProbeFor: '0s',
  egressFor: '5s',
  mirrorDiskFor: '5s',
  certificateFor: '0s',
  insecureConfigFor: '0s',
  agentSilentFor: '10s',
  staleSidecarFor: '0s',
  gcVerdictFor: '0s',
  admissionFor: '0s',
};

/** A started demo; `stop()` ends every process and server it started. */
export interface RunningDemo {
  directory: string;
  collectorUrl: string;
  agentMetricsUrls: string[];
  monitoring: MonitoringProcesses | null;
  /** Resolves when the replay of containerd lines has been written out. */
  replayed: Promise<void>;
  /** Loopback mirror and the closed port standing for every public upstream in certs.d. */
  hosts: DemoHosts;
  /** The 401 server that plays a public registry the nodes can reach. */
  leakTarget: string;
  stop(): Promise<void>;
}

export interface StartDemoOptions {
  directory: string;
  monitoring: boolean;
  /** Alert settings for the demo's Prometheus; the demo's short hold times when unset. */
  alerts?: Partial<AlertsConfig>;
  write: (text: string) => void;
}

/**
 * Starts the demo: a collector, two agents following a replay of containerd lines through a
 * loopback mirror, a fake Kubernetes API with Istio sidecars, and, where installed, Prometheus
 * and Alertmanager. Everything listens on 127.0.0.1 and lives under `options.directory`.
 */
export async function startDemo(options: StartDemoOptions): Promise<RunningDemo> {
  const directory = resolve(options.directory);
  prepareDemoDirectory(directory);
  const children: ChildProcess[] = [];
  const servers: DemoServer[] = [];
  let cluster: DemoCluster | undefined;
  const say = (line = '') => options.write(`${line}\n`);
  const stop = async () => {
    await stopAll(children);
    await Promise.all(servers.map((server) => server.close()));
    await cluster?.stop();
  };

  try {
    say(`gapwatch demo: everything runs on 127.0.0.1; files and logs in ${directory}`);
    const pki = createDemoPki(join(directory, 'pki'));
    const mirror = await startRegistryStub(pki, 200);
    const leak = await startRegistryStub(pki, 401);
    servers.push(mirror, leak);
    const hosts: DemoHosts = { mirror: mirror.host, upstream: `127.0.0.1:${await freePort()}` };

    const certsDir = join(directory, 'certs.d');
    writeCertsDir(certsDir, hosts, pki);
    cluster = await startDemoCluster();

    const collectorPort = await freePort();
    const collectorUrl = `http://127.0.0.1:${collectorPort}`;
    const collectorConfig = join(directory, 'collector.yaml');
    writeFileSync(collectorConfig, stringify(collectorSettings(directory, collectorPort, cluster.url, mirror.host, pki.caCert)));
    children.push(spawnGapwatch('collector', collectorConfig, join(directory, 'collector.log')));
    await waitForHttp(`${collectorUrl}/readyz`, 'the collector');
    say(`collector   ${collectorUrl}/metrics`);

    const agentTargets: string[] = [];
    for (const node of DEMO_NODES) {
      const nodeDir = join(directory, node);
      mkdirSync(join(nodeDir, 'state'), { recursive: true });
      writeFileSync(join(nodeDir, 'containerd.log'), '');
      const containerdRoot = join(nodeDir, 'etc-containerd');
      writeContainerdConfig(containerdRoot, certsDir);
      const metricsPort = await freePort();
      const configFile = join(nodeDir, 'agent.yaml');
      writeFileSync(
        configFile,
        stringify(
          agentSettings({
            node,
            nodeDir,
            certsDir,
            containerdRoot,
            collectorUrl,
            metricsPort,
            leakTarget: leak.host,
            caFile: pki.caCert,
            procRoot: writeProcNet(nodeDir, node),
          }),
        ),
      );
      children.push(spawnGapwatch('agent', configFile, join(nodeDir, 'agent.log')));
      await waitForHttp(`http://127.0.0.1:${metricsPort}/healthz`, `the agent of ${node}`);
      agentTargets.push(`127.0.0.1:${metricsPort}`);
      say(`agent ${node} http://127.0.0.1:${metricsPort}/metrics, following ${join(nodeDir, 'containerd.log')}`);
    }

    const alerts = options.alerts ?? DEMO_ALERTS;
    const monitoring = options.monitoring ? await maybeStartMonitoring(directory, [`127.0.0.1:${collectorPort}`, ...agentTargets], alerts, say) : null;
    if (monitoring) {
      children.push(...monitoring.children);
    }

    say();
    say('replaying containerd lines (mirror hits, two upstream leaks, failures of several causes)...');
    const replayed = replay(directory, hosts, say);
    return {
      directory,
      collectorUrl,
      agentMetricsUrls: agentTargets.map((target) => `http://${target}/metrics`),
      monitoring,
      replayed,
      hosts,
      leakTarget: leak.host,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface DemoOptions {
  directory: string;
  /** Keep everything running after the summary, until Ctrl-C. */
  keepRunning: boolean;
  /** Start Prometheus and Alertmanager when their Debian packages are installed. */
  monitoring: boolean;
  write: (text: string) => void;
}

/** Runs the demo to its summary, then stops it (or waits for Ctrl-C with `keepRunning`). */
export async function runDemo(options: DemoOptions): Promise<void> {
  // A signal to the demo alone (kill, a CI timeout) must not leave its agents running.
  const onSignal = (signal: NodeJS.Signals) => {
    options.write(`\n${signal}: stopping the demo\n`);
    void stopAll(runningChildren()).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const demo = await startDemo(options);
  try {
    await demo.replayed;
    options.write('waiting for abandoned pulls, probes, lint and certificate checks to report...\n');
    await new Promise((done) => setTimeout(done, 12_000));
    await printSummary({
      collectorUrl: demo.collectorUrl,
      write: options.write,
      monitoring: demo.monitoring,
      keepRunning: options.keepRunning,
      names: { [demo.hosts.upstream]: 'upstream server in certs.d', [demo.leakTarget]: 'public registry stand-in', [demo.hosts.mirror]: 'mirror' },
    });

    if (options.keepRunning) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      options.write('running until Ctrl-C\n');
      await new Promise<void>((done) => {
        process.once('SIGINT', () => done());
        process.once('SIGTERM', () => done());
      });
      // A terminal's Ctrl-C reaches the collector too, so agents may spend their send deadline first.
      options.write('stopping the demo (up to 15 s)\n');
    }
  } finally {
    await demo.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function replay(directory: string, hosts: DemoHosts, say: (line: string) => void): Promise<void> {
  const start = Date.now();
  for (const line of demoReplay(start, hosts)) {
    const wait = start + line.offsetMs - Date.now();
    if (wait > 0) {
      await new Promise((done) => setTimeout(done, wait));
    }
    appendFileSync(join(directory, line.node, 'containerd.log'), `${line.text}\n`);
    const pull = /msg="PullImage \\"([^\\]+)\\""$/.exec(line.text);
    if (pull) {
      say(`  ${line.node}  PullImage ${pull[1]}`);
    }
  }
}

async function maybeStartMonitoring(
  directory: string,
  targets: string[],
  alerts: Partial<AlertsConfig>,
  say: (line: string) => void,
): Promise<MonitoringProcesses | null> {
  if (!findExecutableOnPath('prometheus') || !findExecutableOnPath('prometheus-alertmanager')) {
    say('Prometheus and Alertmanager not installed (apt-get install prometheus prometheus-alertmanager); skipping alerts');
    return null;
  }
  const config = validateConfig(AlertsConfigSchema, alerts, 'demo alert settings') as AlertsConfig;
  const monitoring = startMonitoring(directory, targets, renderAlerts(config, 'rules'), {
    prometheus: await freePort(),
    alertmanager: await freePort(),
  });
  await waitForHttp(`${monitoring.prometheusUrl}/-/ready`, 'Prometheus');
  await waitForHttp(`${monitoring.alertmanagerUrl}/-/ready`, 'Alertmanager');
  say(`prometheus  ${monitoring.prometheusUrl}/alerts`);
  say(`alertmanager ${monitoring.alertmanagerUrl}/#/alerts`);
  return monitoring;
}

function collectorSettings(directory: string, port: number, kubeUrl: string, mirror: string, caFile: string): Record<string, unknown> {
  return {
    listen: `127.0.0.1:${port}`,
    databasePath: join(directory, 'collector.db'),
    kube: { source: 'url', url: kubeUrl },
    registry: { mirrorUrl: `https://${mirror}`, caFile, timeoutSeconds: 2 },
    verdict: {
      scheduleSeconds: 10,
      rollbackWindowSeconds: 0,
      candidates: [{ name: 'istio-1.24', ...DEMO_CANDIDATE }],
    },
  };
}

interface AgentSettingsInput {
  node: string;
  nodeDir: string;
  certsDir: string;
  containerdRoot: string;
  collectorUrl: string;
  metricsPort: number;
  leakTarget: string;
  caFile: string;
  /** A /proc snapshot of the demo's own, so the egress watch never reads this machine's connections. */
  procRoot: string;
}

function agentSettings(input: AgentSettingsInput): Record<string, unknown> {
  return {
    node: input.node,
    collectorUrl: input.collectorUrl,
    source: { kind: 'file', path: join(input.nodeDir, 'containerd.log') },
    certsDir: input.certsDir,
    containerdRoot: input.containerdRoot,
    stateDir: join(input.nodeDir, 'state'),
    intervalSeconds: 2,
    // Longer than the demo's slowest pull (6.8 s), since containerd logs nothing while it downloads.
    abandonAfterSeconds: 8,
    metricsListen: `127.0.0.1:${input.metricsPort}`,
    probes: {
      // The 401 server plays a public registry the node can reach; certs.d upstreams are a closed port.
      targets: [input.leakTarget],
      schedule: '*/2 * * * * *',
      timeoutSeconds: 1,
      confirmations: 2,
      caFiles: [input.caFile],
      proxy: { detect: false },
    },
    egress: { schedule: '*/5 * * * * *', procRoot: input.procRoot },
    lint: { schedule: '*/5 * * * * *', registriesYaml: [] },
    certs: { schedule: '*/5 * * * * *', handshakeTimeoutMs: 1000 },
    disk: {
      schedule: '*/5 * * * * *',
      paths: [
        { path: input.nodeDir, role: 'node' },
        { path: input.nodeDir, role: 'mirror' },
      ],
    },
  };
}
