import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertsDir } from '../../agent/containerd/certsd.js';
import { PullTracker } from '../../agent/containerd/tracker.js';
import type { PullRecord } from '../../wire/pull.js';
import { ProcessRegistry } from '../lab/processes.js';
import { LAB_BINARIES, requireLab } from '../lab/require.js';
import { PULL_CASES, runPullCases, startPullLab, type PullLab } from '../lab/scenario.js';

const skipReason = requireLab(Object.values(LAB_BINARIES));

// The tracker reads the log real containerd wrote, with the certs.d it used, in process.
describe.skipIf(skipReason !== null)('pull tracker on real containerd log', () => {
  const registry = new ProcessRegistry();
  let lab: PullLab;
  let records: PullRecord[];

  beforeAll(async () => {
    lab = await startPullLab(registry);
    await runPullCases(lab);

    const tracker = new PullTracker({ node: 'lab-node', hosts: new CertsDir(lab.containerd.certsDir) });
    records = [];
    lab.containerd.process
      .output()
      .split('\n')
      .filter((text) => text.length > 0)
      .forEach((text, index) => records.push(...tracker.push({ text, position: String(index) })));
    records.push(...tracker.flush());
  });

  afterAll(async () => {
    await registry.stopAll();
  });

  it('reads one record per pull', () => {
    expect(records).toHaveLength(PULL_CASES.length);
  });

  describe.each(PULL_CASES)('$name', (pullCase) => {
    const record = () => records.find((candidate) => candidate.image === pullCase.image);

    it('has the expected outcome', () => {
      expect(record()?.outcome).toBe(pullCase.outcome);
    });

    it('has the expected serving role', () => {
      expect(record()?.servedBy).toBe(pullCase.servedBy);
    });

    it('has the expected serving host', () => {
      const host = pullCase.servedBy === 'unknown' ? null : lab.hosts[pullCase.servedBy];
      expect(record()?.servedHost).toBe(host);
    });

    it('has the expected failure cause', () => {
      expect(record()?.failureCause).toBe(pullCase.failureCause);
    });

    it('lists every failed host attempt', () => {
      const attempts = record()?.attempts.map(({ host, cause }) => ({ host, cause }));
      expect(attempts).toEqual(pullCase.attempts.map((attempt) => ({ host: lab.hosts[attempt.host], cause: attempt.cause })));
    });

    it('has the namespace of its reference', () => {
      expect(record()?.namespace).toBe(pullCase.namespace);
    });
  });
});
