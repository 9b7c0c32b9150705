import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { FindingsSection, NodeFindings } from '../../wire/findings.js';
import type { FindingsView } from './findings-exporter.js';
import { exportFilesystems } from './findings-filesystems.js';

function viewOf(sections: Partial<{ [K in FindingsSection]: Record<string, NonNullable<NodeFindings[K]>> }>): FindingsView {
  return {
    latest(section) {
      return new Map(Object.entries(sections[section] ?? {})) as never;
    },
  };
}

describe('filesystems exporter', () => {
  it('exports filesystem usage gauges', async () => {
    const registry = new Registry();
    const record = { path: '/var/lib/registry', role: 'mirror' as const, sizeBytes: 1000, usedBytes: 850, availBytes: 150, usedRatio: 0.85 };
    exportFilesystems(registry, viewOf({ filesystems: { mirror: { filesystems: [record], errors: [] } } }));
    const text = await registry.metrics();

    expect(text).toContain('gapwatch_filesystem_used_ratio{node="mirror",path="/var/lib/registry",role="mirror"} 0.85');
    expect(text).toContain('gapwatch_filesystem_size_bytes{node="mirror",path="/var/lib/registry",role="mirror"} 1000');
    expect(text).toContain('gapwatch_filesystem_avail_bytes{node="mirror",path="/var/lib/registry",role="mirror"} 150');
  });
});
