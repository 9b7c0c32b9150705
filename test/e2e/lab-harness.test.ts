import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesOfLastPull, tryingNextHost } from '../lab/containerd-log.js';
import { createJournal, feedJournalFromLog, renderExportEntries } from '../lab/journal.js';
import { ProcessRegistry, waitFor } from '../lab/processes.js';
import { LAB_BINARIES, requireLab } from '../lab/require.js';
import { PULL_CASES, runPullCases, startPullLab, type PullCaseRun, type PullLab } from '../lab/scenario.js';

const execFileAsync = promisify(execFile);

const skipReason = requireLab(Object.values(LAB_BINARIES));

describe.skipIf(skipReason !== null)('lab harness on real containerd', () => {
  const registry = new ProcessRegistry();
  let lab: PullLab;
  let runs: PullCaseRun[];

  beforeAll(async () => {
    lab = await startPullLab(registry);
    runs = await runPullCases(lab);
  });

  afterAll(async () => {
    await registry.stopAll();
  });

  describe.each(PULL_CASES.map((pullCase, index) => ({ pullCase, index })))('$pullCase.name', ({ pullCase, index }) => {
    const pullLines = () => linesOfLastPull(lab.containerd.process.output(), pullCase.image);

    it('cri result matches outcome', () => {
      expect(runs[index]?.result.ok).toBe(pullCase.outcome === 'success');
    });

    it('logs PullImage start line', () => {
      expect(pullLines()[0]).toContain(`msg="PullImage \\"${pullCase.image}\\""`);
    });

    it('logs one line per failed host', () => {
      const failedHosts = pullLines()
        .map(tryingNextHost)
        .filter((host) => host !== null);
      expect(failedHosts).toEqual(pullCase.attempts.map((attempt) => lab.hosts[attempt.host]));
    });

    it('logs the expected end line', () => {
      const end = pullCase.outcome === 'success' ? 'returns image reference' : 'failed';
      expect(pullLines().at(-1)).toContain(`PullImage \\"${pullCase.image}\\" ${end}`);
    });
  });

  it('journal follows appended lines', async () => {
    const journal = createJournal({ hostname: 'lab-node', registry });
    const feed = feedJournalFromLog(lab.containerd.logFile, journal, { registry });
    await feed.flush();

    const follower = execFile('journalctl', [`--directory=${journal.dir}`, '-u', 'containerd', '-o', 'json', '--follow', '--no-tail']);
    let followed = '';
    follower.stdout?.on('data', (chunk: Buffer) => {
      followed += chunk.toString('utf8');
    });
    registry.track({
      stop: async () => {
        follower.kill('SIGTERM');
      },
    });

    const extra = PULL_CASES[0];
    if (!extra) {
      throw new Error('PULL_CASES is empty');
    }
    await runPullCases(lab, [extra]);
    await feed.stop();

    const appended = await waitFor(
      () => {
        const messages = followed
          .split('\n')
          .filter(Boolean)
          .map((line) => (JSON.parse(line) as { MESSAGE: string }).MESSAGE);
        const starts = messages.filter((message) => message.includes(`PullImage \\"${extra.image}\\"`));
        // The first pull wrote a start and an end line, the extra pull two more.
        return starts.length >= 4 ? starts : undefined;
      },
      { timeoutMs: 10_000, what: 'journalctl --follow to print the extra pull', details: () => followed.slice(-2000) },
    );
    expect(appended).toHaveLength(4);
  });

  it('journal keeps containerd fields', async () => {
    const journal = createJournal({ hostname: 'lab-node', registry });
    await journal.append(['time="2026-12-04T19:12:26.903329521Z" level=info msg="PullImage \\"x\\""']);

    const { stdout } = await execFileAsync('journalctl', [`--directory=${journal.dir}`, '-u', 'containerd', '-o', 'json', '--no-pager']);
    const entry = JSON.parse(stdout.trim()) as Record<string, string>;
    expect(entry).toMatchObject({
      _HOSTNAME: 'lab-node',
      _SYSTEMD_UNIT: 'containerd.service',
      SYSLOG_IDENTIFIER: 'containerd',
      MESSAGE: 'time="2026-12-04T19:12:26.903329521Z" level=info msg="PullImage \\"x\\""',
    });
  });
});

describe('journal export rendering', () => {
  const fields = { hostname: 'node-a', bootId: '0'.repeat(32), realtimeUs: 1_000_000n, monotonicUs: 5n };

  it('renders one entry per line', () => {
    const text = renderExportEntries(['a', 'b'], fields).toString('utf8');
    expect(text.split('\n\n').filter(Boolean)).toHaveLength(2);
  });

  it('orders entries by microsecond', () => {
    const text = renderExportEntries(['a', 'b'], fields).toString('utf8');
    expect(text.match(/__REALTIME_TIMESTAMP=\d+/g)).toEqual(['__REALTIME_TIMESTAMP=1000000', '__REALTIME_TIMESTAMP=1000001']);
  });

  it('uses binary form for newlines', () => {
    const buffer = renderExportEntries(['one\ntwo'], fields);
    const marker = buffer.indexOf('MESSAGE\n');
    expect(buffer.readBigUInt64LE(marker + 'MESSAGE\n'.length)).toBe(7n);
  });
});
