import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CertsDir } from '../../agent/containerd/certsd.js';
import { PullTracker } from '../../agent/containerd/tracker.js';
import type { PullRecord } from '../../wire/pull.js';
import { DEMO_NODES, writeCertsDir } from './layout.js';
import { demoReplay } from './scenario.js';

const hosts = { mirror: '127.0.0.1:5443', upstream: '127.0.0.1:5444' };
const directory = mkdtempSync(join(tmpdir(), 'gw-demo-scenario-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// The demo's replay must read, through the real tracker and certs.d, as the demo promises.
function readReplay(): PullRecord[] {
  writeCertsDir(join(directory, 'certs.d'), hosts, { caCert: join(directory, 'ca.crt'), serverCert: '', serverKey: '' });
  const certs = new CertsDir(join(directory, 'certs.d'));
  const records: PullRecord[] = [];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (const node of DEMO_NODES) {
    const tracker = new PullTracker({ node, hosts: certs });
    demoReplay(start, hosts)
      .filter((line) => line.node === node)
      .forEach((line, index) => records.push(...tracker.push({ text: line.text, position: String(index) })));
    records.push(...tracker.flush());
  }
  return records;
}

describe('demo replay', () => {
  const records = readReplay();
  const count = (predicate: (record: PullRecord) => boolean) => records.filter(predicate).length;

  it('contains fourteen pulls', () => {
    expect(records).toHaveLength(14);
  });

  it('serves eight pulls from the mirror', () => {
    expect(count((record) => record.outcome === 'success' && record.servedBy === 'mirror')).toBe(8);
  });

  it('leaks two pulls to the upstream', () => {
    expect(count((record) => record.outcome === 'success' && record.servedBy === 'upstream')).toBe(2);
  });

  it.each(['refused', 'timeout', 'unauthorized'])('fails one pull with %s', (cause) => {
    expect(count((record) => record.outcome === 'failure' && record.failureCause === cause)).toBe(1);
  });

  it('leaves one pull abandoned', () => {
    expect(count((record) => record.outcome === 'abandoned')).toBe(1);
  });
});
