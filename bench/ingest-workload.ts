import type { NodeFindings } from '../wire/findings.js';
import type { Attempt, PullRecord } from '../wire/pull.js';
import type { Report } from '../wire/report.js';
import { SeededRandom } from './fixture/seeded-random.js';
import { nodeFindings } from './ingest-findings.js';

/** Shape of the simulated fleet, shared by the parent and every load worker. */
export interface WorkloadShape {
  nodes: number;
  images: number;
  pullsPerReport: number;
  /** Seed of the pull mix; the same seed sends the same records. */
  seed: number;
}

/** Builds the workload shape from parsed command-line values, with the benchmark defaults. */
export function workloadShapeFrom(values: Readonly<Record<string, number | undefined>>): WorkloadShape {
  return {
    nodes: values.nodes ?? 1000,
    images: values.images ?? 200,
    pullsPerReport: values['pulls-per-report'] ?? 50,
    seed: values.seed ?? 1,
  };
}

/** One node as its agent reports it: name, agent id and the next sequence number. */
export interface NodeIdentity {
  index: number;
  node: string;
  agentId: string;
  nextSeq: number;
}

const REGISTRIES = ['docker.io', 'registry.k8s.io', 'quay.io', 'ghcr.io', 'gcr.io'] as const;
const MIRROR_HOST = 'mirror.cluster.internal:5000';
const REPORT_INTERVAL_SECONDS = 15;
// Pull times start here and advance one report interval per sequence number.
const START_MS = Date.UTC(2026, 0, 5);

/** Image references of the fleet, one in ten pinned by digest. */
export function imageCatalog(count: number): string[] {
  const images: string[] = [];
  for (let i = 0; i < count; i++) {
    const registry = REGISTRIES[i % REGISTRIES.length] ?? 'docker.io';
    const repository = `${registry}/team-${i % 20}/service-${i}`;
    const digest = ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(8);
    images.push(i % 10 === 0 ? `${repository}@sha256:${digest}` : `${repository}:v1.${i % 7}.${i % 3}`);
  }
  return images;
}

/** Node names `node-0000`...; the agent id is derived from the index so reruns match. */
export function nodeIdentity(index: number): NodeIdentity {
  return {
    index,
    node: `node-${String(index).padStart(4, '0')}`,
    agentId: `a9e7${index.toString(16).padStart(12, '0')}`,
    nextSeq: 1,
  };
}

/** Splits node indexes 0..nodes-1 over `agents` simulated agents, round-robin. */
export function nodesOfAgent(agent: number, agents: number, nodes: number): number[] {
  const indexes: number[] = [];
  for (let index = agent; index < nodes; index += agents) {
    indexes.push(index);
  }
  return indexes;
}

/**
 * Builds the next report of `identity` and advances its sequence. Pull ids are made of the
 * node index, the sequence and the position, so every record of a run is distinct.
 */
export function nextReport(shape: WorkloadShape, catalog: readonly string[], identity: NodeIdentity, withFindings: boolean): Report {
  const seq = identity.nextSeq;
  identity.nextSeq += 1;
  const random = new SeededRandom(shape.seed ^ (identity.index * 7919 + seq * 104729));
  const sentAtMs = START_MS + seq * REPORT_INTERVAL_SECONDS * 1000;

  const pulls: PullRecord[] = [];
  for (let position = 0; position < shape.pullsPerReport; position++) {
    // NOTE: real ids are hashes and land on random pages of the id index. These share a prefix
    // per report, so the store's cost per record here is likely lower than in the field.
    const id = identity.index.toString(16).padStart(8, '0') + seq.toString(16).padStart(16, '0') + position.toString(16).padStart(8, '0');
    pulls.push(pullRecord(random, catalog, id, sentAtMs));
  }

  const report: Report = {
    node: identity.node,
    agentId: identity.agentId,
    seq,
    intervalSeconds: REPORT_INTERVAL_SECONDS,
    sentAt: new Date(sentAtMs).toISOString(),
    agentVersion: '0.1.0',
    role: 'node',
    pulls,
    stats: { linesRead: seq * 400, parseErrors: 0, ambiguousLines: Math.floor(seq / 50), droppedPulls: 0 },
  };
  if (withFindings) {
    const findings: NodeFindings = nodeFindings(identity.node, identity.index, sentAtMs);
    report.findings = findings;
  }
  return report;
}

/**
 * Builds one pull with the mix a mirrored fleet shows: 92 % served by the mirror, 3 % by the upstream
 * after the mirror missed, 3 % failed after two hosts, 2 % canceled. These shares are an
 * assumption of the bench, not a measurement.
 */
function pullRecord(random: SeededRandom, catalog: readonly string[], id: string, sentAtMs: number): PullRecord {
  const image = random.pick(catalog);
  const namespace = image.slice(0, image.indexOf('/'));
  const durationSeconds = Math.round(random.next() ** 3 * 120_000) / 1000 + 0.05;
  const endedAtMs = sentAtMs - random.integer(0, REPORT_INTERVAL_SECONDS * 1000);
  const startedAtMs = endedAtMs - Math.round(durationSeconds * 1000);
  const roll = random.next();

  const base: PullRecord = {
    id,
    image,
    namespace,
    outcome: 'success',
    servedBy: 'mirror',
    servedHost: MIRROR_HOST,
    attempts: [],
    failureCause: null,
    failureDetail: null,
    durationSeconds,
    startedAt: new Date(startedAtMs).toISOString(),
    endedAt: new Date(endedAtMs).toISOString(),
    bytes: random.integer(2_000_000, 900_000_000),
    imageId: `sha256:${random.hex(64)}`,
    repoDigest: `${image.replace(/[:@].*$/, '')}@sha256:${random.hex(64)}`,
    ambiguousLines: 0,
  };

  if (roll < 0.92) {
    return base;
  }
  if (roll < 0.95) {
    const attempts: Attempt[] = [{ host: MIRROR_HOST, cause: 'not_found', detail: `unexpected status from HEAD request to https://${MIRROR_HOST}/v2/: 404 Not Found` }];
    return { ...base, servedBy: 'upstream', servedHost: namespace, attempts };
  }
  if (roll < 0.98) {
    const attempts: Attempt[] = [
      { host: MIRROR_HOST, cause: 'unreachable', detail: `dial tcp ${MIRROR_HOST}: connect: no route to host` },
      { host: namespace, cause: 'dns', detail: `dial tcp: lookup ${namespace}: no such host` },
    ];
    return {
      ...base,
      outcome: 'failure',
      servedBy: 'unknown',
      servedHost: null,
      attempts,
      failureCause: 'dns',
      failureDetail: `failed to resolve reference "${image}": dial tcp: lookup ${namespace}: no such host`,
      bytes: null,
      imageId: null,
      repoDigest: null,
      ambiguousLines: random.integer(0, 1),
    };
  }
  return {
    ...base,
    outcome: 'abandoned',
    servedBy: 'unknown',
    servedHost: null,
    failureCause: 'canceled',
    failureDetail: 'context canceled',
    bytes: null,
    imageId: null,
    repoDigest: null,
  };
}
