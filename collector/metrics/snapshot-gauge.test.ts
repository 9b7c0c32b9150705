import { describe, expect, it } from 'vitest';
import type { FilesystemsSection } from '../../wire/findings/filesystems.js';
import type { FindingsView } from './findings-exporter.js';
import { SnapshotGauge } from './snapshot-gauge.js';
import { TextRegistry } from './text-registry.js';

function filesystems(usedRatio: number): FilesystemsSection {
  return { filesystems: [{ path: '/data', role: 'mirror', sizeBytes: 10, usedBytes: 1, availBytes: 9, usedRatio }], errors: [] };
}

describe('snapshot gauge', () => {
  const latest = new Map<string, FilesystemsSection>([['node-1', filesystems(0.1)]]);
  const view: FindingsView = { latest: (() => latest) as FindingsView['latest'] };
  let renders = 0;
  const gauge = new SnapshotGauge(view, {
    name: 'test_used_ratio',
    help: 'Used ratio.',
    labelNames: ['node', 'path'],
    section: 'filesystems',
    samples(node, section, emit) {
      renders += 1;
      for (const record of section.filesystems) {
        emit([node, record.path], record.usedRatio);
        emit([node, record.path], record.usedRatio);
      }
    },
  });
  const registry = new TextRegistry();
  registry.registerMetric(gauge as never);

  it('renders each snapshot once', async () => {
    await registry.metrics();
    await registry.metrics();

    expect(renders).toBe(1);
  });

  it('keeps one sample per series', async () => {
    const lines = (await registry.metrics()).split('\n').filter((line) => line.startsWith('test_used_ratio{'));

    expect(lines).toEqual(['test_used_ratio{node="node-1",path="/data"} 0.1']);
  });

  it('renders a new snapshot again', async () => {
    latest.set('node-1', filesystems(0.7));

    expect(await registry.metrics()).toContain('test_used_ratio{node="node-1",path="/data"} 0.7');
    expect(renders).toBe(2);
  });
});

describe('snapshot gauge subscription', () => {
  it('renders snapshot when stored', () => {
    const latest = new Map<string, FilesystemsSection>();
    let notify: Parameters<NonNullable<FindingsView['subscribe']>>[0] = () => {};
    const view: FindingsView = { latest: (() => latest) as FindingsView['latest'], subscribe: (listener) => (notify = listener) };
    const rendered: string[] = [];
    new SnapshotGauge(view, {
      name: 'test_used_ratio',
      help: 'Used ratio.',
      labelNames: ['node'],
      section: 'filesystems',
      samples(node, _section, emit) {
        rendered.push(node);
        emit([node], 1);
      },
    });

    notify('node-1', 'filesystems', filesystems(0.2));
    notify('node-1', 'probes', { results: [], problems: [] });

    expect(rendered).toEqual(['node-1']);
  });
});
