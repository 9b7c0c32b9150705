import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CertsDir } from '../../agent/containerd/certsd.js';
import { toChronologicalOrder } from '../../agent/containerd/input-order.js';
import { parseLine } from '../../agent/containerd/parse-line.js';
import { PullTracker } from '../../agent/containerd/tracker.js';
import type { HostsResolver, NamespaceHosts, TrackerStats } from '../../agent/containerd/types.js';
import type { PullRecord } from '../../wire/pull.js';

export const FIXTURES = join(import.meta.dirname, '../fixtures/realdata');

/** certs.d in force from a line time on; the lab changed hosts.toml between pulls. */
export interface CertsPhase {
  fromMs: number;
  dir: string;
}

/** A resolver for logs whose hosts.toml is not known: an empty host list, so the served host stays unknown. */
export const unknownHosts: HostsResolver = {
  resolve: (namespace: string): NamespaceHosts => ({ namespace, hosts: [], source: 'none', file: null }),
};

/** Reads a fixture log the way `gapwatch pulls` does: header lines dropped, newest-first input reversed. */
export function readFixture(file: string, certs: CertsPhase[] | null): { records: PullRecord[]; stats: TrackerStats } {
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  const lines = toChronologicalOrder(text.split('\n').filter((line) => !line.startsWith('#')));

  let current: HostsResolver = unknownHosts;
  const phases = (certs ?? []).map((phase) => ({ fromMs: phase.fromMs, resolver: new CertsDir(join(FIXTURES, 'certs.d', phase.dir)) }));
  const resolver: HostsResolver = { resolve: (namespace) => current.resolve(namespace) };
  const tracker = new PullTracker({ node: 'node-1', hosts: resolver });

  const records: PullRecord[] = [];
  lines.forEach((line, index) => {
    const parsed = parseLine(line);
    const timeMs = parsed.kind === 'entry' ? (parsed.entry.time?.ms ?? null) : null;
    for (const phase of phases) {
      if (timeMs === null ? current === unknownHosts : timeMs >= phase.fromMs) {
        current = phase.resolver;
      }
    }
    records.push(...tracker.push({ text: line, position: String(index) }));
  });
  records.push(...tracker.flush());
  return { records, stats: { ...tracker.stats } };
}
