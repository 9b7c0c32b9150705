import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../core/config.js';
import { AlertsConfigSchema, type AlertsConfig } from './config.js';
import { defaultAlertsConfig, renderAlerts } from './render.js';
import { buildRuleGroups } from './rules.js';

const here = new URL('.', import.meta.url).pathname;
const hasPromtool = spawnSync('promtool', ['--version']).status === 0;
if (!hasPromtool && process.env.CI === 'true') {
  throw new Error('promtool is missing: install the Debian package prometheus (apt-get install prometheus)');
}

interface PromtoolTestFile {
  tests: Array<{ alert_rule_test: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
}

describe('alert rules', () => {
  const config = defaultAlertsConfig();
  const alerts = buildRuleGroups(config).flatMap((group) => group.rules);
  const runbook = readFileSync(join(here, '../docs/runbook.md'), 'utf8');

  it('generated files match the source', () => {
    expect(readFileSync(join(here, 'generated/gapwatch.rules.yaml'), 'utf8')).toBe(renderAlerts(config, 'rules'));
    expect(readFileSync(join(here, 'generated/prometheusrule.yaml'), 'utf8')).toBe(renderAlerts(config, 'prometheusrule'));
  });

  it.each(alerts.map((alert) => [alert.alert, alert] as const))('%s carries the required fields', (_name, alert) => {
    expect(alert.for).toMatch(/^[0-9]+[smhd]$/);
    expect(['critical', 'warning', 'info']).toContain(alert.labels.severity);
    expect(alert.annotations.summary.length).toBeGreaterThan(10);
    expect(alert.annotations.description).toMatch(/\{\{ \$(labels|value)/);
    expect(runbook).toContain(`<a id="${alert.alert.toLowerCase()}"></a>`);
  });

  it('every alert fires and stays silent in promtool tests', () => {
    const tests = parse(readFileSync(join(here, 'tests/gapwatch.test.yaml'), 'utf8')) as PromtoolTestFile;
    const cases = tests.tests.flatMap((group) => group.alert_rule_test);
    for (const alert of alerts) {
      const own = cases.filter((entry) => entry.alertname === alert.alert);
      expect(own.some((entry) => entry.exp_alerts.length > 0), `${alert.alert} has a firing case`).toBe(true);
      expect(own.some((entry) => entry.exp_alerts.length === 0), `${alert.alert} has a silent case`).toBe(true);
    }
  });

  it('config overrides change thresholds', () => {
    const custom = validateConfig(AlertsConfigSchema, { pullLatencyP99Seconds: 2, selector: 'job="gapwatch"' }, 'test') as AlertsConfig;
    const latency = buildRuleGroups(custom).flatMap((group) => group.rules).find((rule) => rule.alert === 'GapwatchPullLatencyHigh');
    expect(latency?.expr).toContain('> 2');
    expect(latency?.expr).toContain('gapwatch_image_pull_duration_seconds_bucket{job="gapwatch"}');
  });

  it('runbook pattern needs a placeholder', () => {
    expect(() => validateConfig(AlertsConfigSchema, { runbookUrlPattern: 'https://wiki.example/runbook' }, 'alerts.yaml')).toThrow(
      /runbookUrlPattern/,
    );
  });

  it('config rejects unknown keys', () => {
    expect(() => validateConfig(AlertsConfigSchema, { pullLatencyP99: 2 }, 'alerts.yaml')).toThrow(/unknown key "pullLatencyP99"/);
  });
});

describe.skipIf(!hasPromtool)('promtool', () => {
  it('check rules accepts both renderings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gapwatch-alerts-'));
    const spec = parse(readFileSync(join(here, 'generated/prometheusrule.yaml'), 'utf8')) as { spec: unknown };
    writeFileSync(join(dir, 'operator.rules.yaml'), JSON.stringify(spec.spec));
    const output = execFileSync('promtool', ['check', 'rules', join(here, 'generated/gapwatch.rules.yaml'), join(dir, 'operator.rules.yaml')], {
      encoding: 'utf8',
    });
    expect(output).toContain('SUCCESS: 14 rules found');
  });

  it('test rules passes', () => {
    const result = spawnSync('promtool', ['test', 'rules', join(here, 'tests/gapwatch.test.yaml')], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });
});
