import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDashboards, renderDashboard } from './build.js';
import { expandVariables, panelQueries } from './queries.js';

const here = new URL('.', import.meta.url).pathname;

// Every metric gapwatch exports that a dashboard may read; a typo in a query fails here.
const EXPORTED = [
  'gapwatch_image_pulls_total',
  'gapwatch_image_pull_duration_seconds_bucket',
  'gapwatch_image_pull_results_total',
  'gapwatch_mirror_fallbacks_total',
  'gapwatch_agent_last_report_timestamp_seconds',
  'gapwatch_leak_probe_reachable',
  'gapwatch_leak_probe_outcome',
  'gapwatch_egress_connections',
  'gapwatch_config_findings',
  'gapwatch_certificate_not_after_timestamp_seconds',
  'gapwatch_filesystem_used_ratio',
  'gapwatch_istio_proxy_pods',
  'gapwatch_gc_verdict',
];

describe('dashboards', () => {
  const models = buildDashboards();

  it.each(Object.keys(models))('%s matches its generated JSON', (name) => {
    const committed = readFileSync(join(here, 'generated', name), 'utf8');
    expect(committed).toBe(renderDashboard(models[name]!));
  });

  const queries = Object.entries(models).flatMap(([name, model]) => panelQueries(name, model as never));

  it('every panel has a query', () => {
    expect(queries.length).toBeGreaterThan(20);
  });

  it.each(queries.map((query) => [`${query.dashboard} ${query.panel} ${query.refId}`, query.expr] as const))(
    '%s reads exported metrics',
    (_where, expr) => {
      const names = expr.match(/gapwatch_[a-z_]+/g) ?? [];
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        expect(EXPORTED).toContain(name);
      }
    },
  );

  it('variable expansion leaves no variables', () => {
    for (const query of queries) {
      expect(expandVariables(query.expr, { range: '1h', rateInterval: '1m', node: 'node-a' })).not.toContain('$');
    }
  });
});
