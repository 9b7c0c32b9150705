import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertsDir } from '../agent/containerd/certsd.js';
import { PullTracker } from '../agent/containerd/tracker.js';
import { JournaldSource } from '../agent/sources/journald.js';
import { systemClock } from '../core/clock.js';
import { silentLogger } from '../core/log.js';
import { runBaseline } from './baseline.js';
import { createJournalFixture, JOURNAL_REMOTE, type JournalFixture } from './journal-fixture.js';
import { comparePullCounts, countPulls, emptyPullCounts } from './pull-tally.js';

const LINES = 3_000;
const missingTool = existsSync(JOURNAL_REMOTE) ? null : JOURNAL_REMOTE;

// Without the tool the suite is skipped on a developer machine, but fails under CI so that a missing package shows.
describe.skipIf(missingTool !== null && process.env.CI !== 'true')('journal fixture', () => {
  let fixture: JournalFixture;

  beforeAll(async () => {
    if (missingTool) {
      throw new Error(`${missingTool} is missing: install the Debian package systemd-journal-remote`);
    }
    fixture = await createJournalFixture({ lines: LINES, seed: 7, logger: silentLogger() });
  });

  afterAll(() => {
    fixture?.remove();
  });

  it('journal holds every line', () => {
    const output = execFileSync('journalctl', ['--directory', fixture.journalDir, '-u', 'containerd', '-o', 'json', '--no-pager'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const records = output.trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);

    expect(records).toHaveLength(LINES);
    expect(records[0]?.MESSAGE).toMatch(/^time="2026-01-05T00:00:00\.\d{9}Z" level=/);
    expect(records[0]?._HOSTNAME).toBe('bench-node-1');
  });

  it('JournaldSource reads expected pulls', async () => {
    const tracker = new PullTracker({ node: 'bench-node-1', hosts: new CertsDir(fixture.certsDir) });
    const source = new JournaldSource({ directory: fixture.journalDir, clock: systemClock, logger: silentLogger() });
    const counts = emptyPullCounts();

    await new Promise<void>((resolve) => {
      source.start(null, (batch) => {
        for (const line of batch.lines) {
          countPulls(counts, tracker.push(line));
        }
        if (tracker.stats.lines >= LINES) {
          resolve();
        }
      });
    });
    await source.stop();
    countPulls(counts, tracker.flush());

    expect(tracker.stats.lines).toBe(LINES);
    expect(comparePullCounts(counts, fixture.expected)).toEqual([]);
  });

  it('baseline reports journalctl CPU time', async () => {
    const run = await runBaseline(fixture.journalDir, LINES);

    expect(run.cpuSeconds).not.toBeNull();
    expect(run.seconds).toBeGreaterThan(0);
  });
});
