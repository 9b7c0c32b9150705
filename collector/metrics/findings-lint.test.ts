import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { FindingsSection, NodeFindings } from '../../wire/findings.js';
import type { FindingsView } from './findings-exporter.js';
import { exportLintFindings } from './findings-lint.js';

function viewOf(sections: Partial<{ [K in FindingsSection]: Record<string, NonNullable<NodeFindings[K]>> }>): FindingsView {
  return {
    latest(section) {
      return new Map(Object.entries(sections[section] ?? {})) as never;
    },
  };
}

const finding = (rule: string, severity: 'error' | 'warning' | 'info') => ({ file: '/etc/x', line: 1, rule, severity, message: 'm', fix: 'f' });

describe('lint exporter', () => {
  it('counts lint findings per rule', async () => {
    const registry = new Registry();
    exportLintFindings(
      registry,
      viewOf({ lint: { 'node-1': { findings: [finding('skip_verify', 'error'), finding('skip_verify', 'error'), finding('server_is_mirror', 'info')], omitted: 0 } } }),
    );
    const text = await registry.metrics();

    expect(text).toContain('gapwatch_config_findings{node="node-1",rule="skip_verify",severity="error"} 2');
    expect(text).toContain('gapwatch_config_findings{node="node-1",rule="server_is_mirror",severity="info"} 1');
  });
});
