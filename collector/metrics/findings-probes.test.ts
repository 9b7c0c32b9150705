import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { EgressSection } from '../../wire/findings/egress.js';
import type { ProbeResult, ProbesSection } from '../../wire/findings/probes.js';
import { exportEgress } from './findings-egress.js';
import type { FindingsView } from './findings-exporter.js';
import { exportProbes } from './findings-probes.js';

function result(target: string, path: 'direct' | 'proxy', outcome: ProbeResult['outcome']): ProbeResult {
  return {
    target,
    path,
    outcome,
    reachable: outcome === 'reachable',
    detail: 'x',
    latestOutcome: outcome === 'pending' ? 'nxdomain' : outcome,
    streak: 1,
    durationSeconds: 0.25,
    checkedAt: '2026-01-01T00:00:00.000Z',
  };
}

function viewOf(probes: Record<string, ProbesSection>, egress: Record<string, EgressSection>): FindingsView {
  const sections: Record<string, Record<string, unknown>> = { probes, egress };
  const latest = (section: string) => new Map(Object.entries(sections[section] ?? {}));
  return { latest: latest as FindingsView['latest'] };
}

async function samples(registry: Registry, name: string): Promise<string[]> {
  const text = await registry.metrics();
  return text.split('\n').filter((line) => line.startsWith(`${name}{`));
}

describe('probe and egress exporters', () => {
  const probes = { 'node-a': { results: [result('quay.io', 'direct', 'reachable'), result('quay.io', 'proxy', 'pending')], problems: [] } };
  const connections = Array.from({ length: 25 }, (_, i) => ({
    remote: `192.0.2.${i}`,
    port: 443,
    local: '10.0.0.1',
    localPort: 40000 + i,
    state: 'ESTABLISHED' as const,
    family: 'ipv4' as const,
  }));
  const egress = { 'node-a': { connections, total: 30, malformedLines: 0, problems: [] } };
  const registry = new Registry();
  exportProbes(registry, viewOf(probes, egress));
  exportEgress(registry, viewOf(probes, egress));

  it('exports reachable per path', async () => {
    expect(await samples(registry, 'gapwatch_leak_probe_reachable')).toEqual([
      'gapwatch_leak_probe_reachable{node="node-a",target="quay.io",path="direct"} 1',
      'gapwatch_leak_probe_reachable{node="node-a",target="quay.io",path="proxy"} 0',
    ]);
  });

  it('exports current outcome only', async () => {
    const lines = await samples(registry, 'gapwatch_leak_probe_outcome');
    expect(lines).toEqual([
      'gapwatch_leak_probe_outcome{node="node-a",target="quay.io",path="direct",outcome="reachable"} 1',
      'gapwatch_leak_probe_outcome{node="node-a",target="quay.io",path="proxy",outcome="pending"} 1',
    ]);
  });

  it('exports probe duration', async () => {
    expect(await samples(registry, 'gapwatch_leak_probe_duration_seconds')).toContain(
      'gapwatch_leak_probe_duration_seconds{node="node-a",target="quay.io",path="direct"} 0.25',
    );
  });

  it('exports egress total', async () => {
    expect(await samples(registry, 'gapwatch_egress_connections')).toEqual(['gapwatch_egress_connections{node="node-a"} 30']);
  });

  it('bounds egress info series', async () => {
    expect(await samples(registry, 'gapwatch_egress_connection_info')).toHaveLength(20);
  });
});
