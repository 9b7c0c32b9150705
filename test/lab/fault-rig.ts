import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGapwatch, type GapwatchProcess } from './gapwatch.js';
import { parseSamples, type MetricSample } from './prometheus-text.js';
import { freePort, waitFor, type ProcessRegistry } from './processes.js';
import { PullLogWriter, WRITTEN_CASES, WRITTEN_HOSTS, writeCertsDir } from './pull-log-writer.js';
import { expectedCounts, type ExpectedSample } from './scenario.js';

/** What the collector shows for one node: its pull counters and its stored pulls. */
export interface NodeCounts {
  /** `gapwatch_image_pulls_total` samples of the node, sorted, zero samples left out. */
  pulls: ExpectedSample[];
  /** `gapwatch_mirror_fallbacks_total` samples of the node, sorted. */
  fallbacks: ExpectedSample[];
  /** Sum of the node's `gapwatch_image_pulls_total`. */
  pullsTotal: number;
  /** Pulls `/api/v1/pulls?node=` returns over all pages. */
  storedPulls: number;
  /** Distinct record ids among them. */
  storedIds: number;
}

export interface AgentSettings {
  /** State folder; a folder inside the agent's temporary directory when unset. */
  stateDir?: string;
  spoolMaxBytes?: number;
  batchSize?: number;
  intervalSeconds?: number;
}

/** One agent following its own written log file and reporting as its own node. */
export interface FaultAgent {
  readonly node: string;
  readonly writer: PullLogWriter;
  readonly gapwatch: GapwatchProcess;
  readonly stateDir: string;
  /** `http://127.0.0.1:PORT` of the agent's /metrics and /healthz. */
  readonly metricsUrl: string;
  /** Sum of every sample of an agent metric on its /metrics, 0 when absent. */
  metric(name: string): Promise<number>;
}

/** A collector on loopback plus a factory for agents that follow written containerd logs. */
export interface FaultRig {
  readonly collector: GapwatchProcess;
  readonly collectorUrl: string;
  startAgent(node: string, settings?: AgentSettings): Promise<FaultAgent>;
  /** Reads the node's counters from /metrics and its pulls from /api/v1/pulls. */
  counts(node: string): Promise<NodeCounts>;
  /** Counters a correct collector shows for every pull the writer wrote, minus nothing. */
  expected(node: string, writer: PullLogWriter): Pick<NodeCounts, 'pulls' | 'fallbacks' | 'pullsTotal'>;
  /** Reader and loss counters of the node's newest report, from /api/v1/nodes. */
  nodeStats(node: string): Promise<Record<string, number> | undefined>;
  /** Waits until `counts(node)` shows `pullsTotal` pulls in /metrics and /api/v1/pulls, and returns them. */
  waitForTotal(node: string, pullsTotal: number, timeoutMs?: number): Promise<NodeCounts>;
}

/** Starts a collector with its database in a temporary directory; the registry stops it. */
export async function startFaultRig(registry: ProcessRegistry): Promise<FaultRig> {
  const workDir = mkdtempSync(join(tmpdir(), 'gw-faults-'));
  registry.track({ stop: async () => rmSync(workDir, { recursive: true, force: true }) });
  const certsDir = join(workDir, 'certs.d');
  writeCertsDir(certsDir);

  const collectorPort = await freePort();
  const collectorUrl = `http://127.0.0.1:${collectorPort}`;
  const collector = await startGapwatch({
    command: 'collector',
    config: (dir) => ({ listen: `127.0.0.1:${collectorPort}`, databasePath: join(dir, 'gapwatch.db') }),
    readyUrl: `${collectorUrl}/healthz`,
    registry,
  });

  const counts = async (node: string): Promise<NodeCounts> => {
    const text = await (await fetch(`${collectorUrl}/metrics`)).text();
    const pulls = ofNode(parseSamples(text, 'gapwatch_image_pulls_total'), node);
    const ids = await storedPullIds(collectorUrl, node);
    return {
      pulls: normalise(pulls),
      fallbacks: normalise(ofNode(parseSamples(text, 'gapwatch_mirror_fallbacks_total'), node)),
      pullsTotal: pulls.reduce((sum, sample) => sum + sample.value, 0),
      storedPulls: ids.length,
      storedIds: new Set(ids).size,
    };
  };

  return {
    collector,
    collectorUrl,
    counts,

    async startAgent(node, settings = {}) {
      const writer = new PullLogWriter(join(workDir, `${node}-containerd.log`));
      const metricsPort = await freePort();
      let stateDir = settings.stateDir ?? '';
      const gapwatch = await startGapwatch({
        command: 'agent',
        config: (dir) => {
          stateDir = settings.stateDir ?? join(dir, 'state');
          mkdirSync(stateDir, { recursive: true });
          return {
            node,
            collectorUrl,
            source: { kind: 'file', path: writer.file },
            certsDir,
            containerdRoot: workDir,
            stateDir,
            batchSize: settings.batchSize ?? 50,
            intervalSeconds: settings.intervalSeconds ?? 1,
            spoolMaxBytes: settings.spoolMaxBytes ?? 64 * 1024 * 1024,
            abandonAfterSeconds: 600,
            metricsListen: `127.0.0.1:${metricsPort}`,
            // Findings tasks stay on their defaults but probe nothing beyond loopback.
            probes: { probeCertsDirUpstreams: false, proxy: { detect: false } },
          };
        },
        readyUrl: `http://127.0.0.1:${metricsPort}/healthz`,
        registry,
      });
      const metricsUrl = `http://127.0.0.1:${metricsPort}`;
      return {
        node,
        writer,
        gapwatch,
        stateDir,
        metricsUrl,
        async metric(name) {
          let text: string;
          try {
            text = await (await fetch(`${metricsUrl}/metrics`)).text();
          } catch (err) {
            const log = gapwatch.process.output().slice(-4000);
            throw new Error(`agent ${node} did not serve ${metricsUrl}/metrics (${(err as Error).message}); its log:\n${log}`);
          }
          return parseSamples(text, name).reduce((sum, sample) => sum + sample.value, 0);
        },
      };
    },

    async nodeStats(node) {
      const body = (await (await fetch(`${collectorUrl}/api/v1/nodes`)).json()) as { nodes: Array<{ node: string; stats: Record<string, number> }> };
      return body.nodes.find((entry) => entry.node === node)?.stats;
    },

    expected(node, writer) {
      const pulls = new Map<string, ExpectedSample>();
      const fallbacks = new Map<string, ExpectedSample>();
      const lab = { hosts: WRITTEN_HOSTS };
      for (const pullCase of WRITTEN_CASES) {
        const rounds = writer.written.get(pullCase.name) ?? 0;
        if (rounds === 0) {
          continue;
        }
        const one = expectedCounts(lab, node, [pullCase], rounds);
        merge(pulls, one.pulls);
        merge(fallbacks, one.fallbacks);
      }
      return { pulls: normalise([...pulls.values()]), fallbacks: normalise([...fallbacks.values()]), pullsTotal: writer.total };
    },

    async waitForTotal(node, pullsTotal, timeoutMs = 30_000) {
      let seen: NodeCounts | undefined;
      return waitFor(
        async () => {
          seen = await counts(node);
          return seen.pullsTotal === pullsTotal && seen.storedPulls === pullsTotal ? seen : undefined;
        },
        { timeoutMs, intervalMs: 250, what: `${pullsTotal} pulls of ${node} in the collector`, details: () => `seen ${JSON.stringify(seen)}` },
      );
    },
  };
}

/** Pages through `/api/v1/pulls?node=` and returns every record id. */
async function storedPullIds(collectorUrl: string, node: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: number | null = null;
  do {
    const url = new URL('/api/v1/pulls', collectorUrl);
    url.searchParams.set('node', node);
    url.searchParams.set('limit', '1000');
    if (cursor !== null) {
      url.searchParams.set('cursor', String(cursor));
    }
    const response = await fetch(url);
    if (response.status !== 200) {
      throw new Error(`GET ${url} returned ${response.status}: ${await response.text()}`);
    }
    const page = (await response.json()) as { pulls: Array<{ id: string }>; next: number | null };
    ids.push(...page.pulls.map((pull) => pull.id));
    cursor = page.next;
  } while (cursor !== null);
  return ids;
}

function ofNode(samples: MetricSample[], node: string): MetricSample[] {
  return samples.filter((sample) => sample.labels.node === node && sample.value !== 0);
}

function merge(into: Map<string, ExpectedSample>, samples: readonly ExpectedSample[]): void {
  for (const sample of samples) {
    const key = JSON.stringify(Object.entries(sample.labels).sort());
    const existing = into.get(key);
    if (existing) {
      existing.value += sample.value;
    } else {
      into.set(key, { labels: { ...sample.labels }, value: sample.value });
    }
  }
}

/** Sorts samples by their labels so two lists compare equal regardless of order. */
function normalise(samples: readonly ExpectedSample[]): ExpectedSample[] {
  return samples
    .map((sample) => ({ labels: Object.fromEntries(Object.entries(sample.labels).sort()), value: sample.value }))
    .sort((a, b) => JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels)));
}
