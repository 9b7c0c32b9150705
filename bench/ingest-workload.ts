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
export const REPORT_INTERVAL_SECONDS = 15;
// Report times start here and advance one report interval per sequence number.
export const START_MS = Date.UTC(2026, 0, 5);

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
