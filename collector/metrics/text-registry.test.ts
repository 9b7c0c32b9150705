import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { FindingsSection, NodeFindings } from '../../wire/findings.js';
import type { FindingsView } from './findings-exporter.js';
import { findingsExporters } from './findings-exporters.js';
import { PullMetrics } from './pull-metrics.js';
import { TextRegistry } from './text-registry.js';

const HOSTILE = 'a"b\\c\nd';

const findings: Partial<{ [K in FindingsSection]: Record<string, NonNullable<NodeFindings[K]>> }> = {
  probes: {
    [HOSTILE]: {
      results: [
        { target: 'quay.io', path: 'direct', outcome: 'refused', reachable: false, detail: 'x', latestOutcome: 'refused', streak: 2, durationSeconds: 0.5, checkedAt: '2026-01-01T00:00:00.000Z' },
      ],
      problems: [],
    },
  },
  filesystems: {
    'node-1': { filesystems: [{ path: '/var/lib/containerd', role: 'node', sizeBytes: 10, usedBytes: 4, availBytes: 6, usedRatio: 0.4 }], errors: [] },
  },
  lint: { 'node-1': { findings: [], problems: [] } as never },
};

const view: FindingsView = {
  latest(section) {
    return new Map(Object.entries(findings[section] ?? {})) as never;
  },
};

function fill(registry: Registry): void {
  const pulls = new PullMetrics(registry, 10);
  pulls.apply([
    { metric: 'image_pulls', labels: { node: HOSTILE, namespace: 'docker.io', served_by: 'mirror', outcome: 'success' }, value: 3, sum: 0 },
    { metric: 'image_pull_duration', labels: { node: HOSTILE, served_by: 'mirror', le: '0.5' }, value: 2, sum: 0.75 },
    { metric: 'image_pull_duration', labels: { node: HOSTILE, served_by: 'mirror', le: '+Inf' }, value: 1, sum: 400 },
    { metric: 'image_pull_results', labels: { image: 'docker.io/library/nginx:1.25', outcome: 'failure', cause: 'not_found' }, value: 1, sum: 0 },
    { metric: 'mirror_fallbacks', labels: { node: 'n', namespace: 'docker.io', host: '127.0.0.1:5000', cause: 'tls' }, value: 2, sum: 0 },
    { metric: 'pull_ambiguous_lines', labels: { node: 'n' }, value: 5, sum: 0 },
  ]);
  for (const exporter of findingsExporters) {
    exporter(registry, view);
  }
  new Counter({ name: 'plain_total', help: 'A prom-client counter.', labelNames: ['result'], registers: [registry] }).inc({ result: 'ok' });
}

describe('text registry', () => {
  it('matches prom-client text output', async () => {
    const plain = new Registry();
    const text = new TextRegistry();
    fill(plain);
    fill(text);

    const expected = await plain.metrics();
    expect(await text.metrics()).toBe(expected);
    expect(expected).toContain('gapwatch_image_pulls_total{node="a\\"b\\\\c\\nd",namespace="docker.io",served_by="mirror",outcome="success"} 3');
  });

  it('keeps JSON output of text metrics', async () => {
    const text = new TextRegistry();
    fill(text);

    const families = await text.getMetricsAsJSON();
    const pulls = families.find((family) => family.name === 'gapwatch_image_pulls_total');
    expect(pulls?.values).toEqual([
      { labels: { node: HOSTILE, namespace: 'docker.io', served_by: 'mirror', outcome: 'success' }, value: 3 },
    ]);
  });
});
