import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGapwatch, type GapwatchProcess } from '../lab/gapwatch.js';
import { createJournal, feedJournalFromLog, type JournalFeed, type LabJournal } from '../lab/journal.js';
import { parseSamples, type MetricSample } from '../lab/prometheus-text.js';
import { freePort, ProcessRegistry, waitFor } from '../lab/processes.js';
import { LAB_BINARIES, requireLab } from '../lab/require.js';
import { expectedCounts, runPullCases, startPullLab, type ExpectedSample, type PullLab } from '../lab/scenario.js';

const skipReason = requireLab(Object.values(LAB_BINARIES));

/** Seconds between agent reports; short so the suite stays well under three minutes. */
const REPORT_INTERVAL_SECONDS = 1;

/** Rounds of the five cases run while the agent is killed and restarted. */
const ROUNDS_DURING_KILL = 6;

describe.skipIf(skipReason !== null)('pull counts from real containerd', () => {
  const registry = new ProcessRegistry();
  let lab: PullLab;
  let collector: GapwatchProcess;
  let collectorUrl: string;
  let journal: LabJournal;
  let journalFeed: JournalFeed;
  /** Every agent reads containerd's log from its first line, so each counts every round run so far. */
  let roundsRun = 0;

  beforeAll(async () => {
    lab = await startPullLab(registry);

    const collectorPort = await freePort();
    collectorUrl = `http://127.0.0.1:${collectorPort}`;
    collector = await startGapwatch({
      command: 'collector',
      config: (dir) => ({ listen: `127.0.0.1:${collectorPort}`, databasePath: join(dir, 'gapwatch.db') }),
      readyUrl: `${collectorUrl}/healthz`,
      registry,
    });

    journal = createJournal({ hostname: 'lab-journal', registry });
    journalFeed = feedJournalFromLog(lab.containerd.logFile, journal, { registry });
  });

  afterAll(async () => {
    await registry.stopAll();
  });

  const runRound = async () => {
    await runPullCases(lab);
    roundsRun += 1;
  };

  const startAgent = async (node: string, source: Record<string, unknown>) => {
    const metricsPort = await freePort();
    return startGapwatch({
      command: 'agent',
      config: (dir) => ({
        node,
        collectorUrl,
        source,
        certsDir: lab.containerd.certsDir,
        containerdRoot: lab.containerd.dir,
        stateDir: join(dir, 'state'),
        batchSize: 20,
        intervalSeconds: REPORT_INTERVAL_SECONDS,
        abandonAfterSeconds: 60,
        metricsListen: `127.0.0.1:${metricsPort}`,
      }),
      readyUrl: `http://127.0.0.1:${metricsPort}/healthz`,
      registry,
    });
  };

  const scrapeNode = async (node: string) => {
    const response = await fetch(`${collectorUrl}/metrics`);
    const text = await response.text();
    return {
      pulls: ofNode(parseSamples(text, 'gapwatch_image_pulls_total'), node),
      fallbacks: ofNode(parseSamples(text, 'gapwatch_mirror_fallbacks_total'), node),
    };
  };

  /** Waits until the collector shows exactly the expected counts, then checks they stay so. */
  const expectExactCounts = async (node: string) => {
    const expected = expectedCounts(lab, node, undefined, roundsRun);
    const want = { pulls: normalise(expected.pulls), fallbacks: normalise(expected.fallbacks) };
    let seen = { pulls: [] as ExpectedSample[], fallbacks: [] as ExpectedSample[] };
    await waitFor(
      async () => {
        const scraped = await scrapeNode(node);
        seen = { pulls: normalise(scraped.pulls), fallbacks: normalise(scraped.fallbacks) };
        return JSON.stringify(seen) === JSON.stringify(want) ? true : undefined;
      },
      {
        timeoutMs: 30_000,
        intervalMs: 250,
        what: `collector counts for ${node} after ${roundsRun} round(s)`,
        details: () => `expected ${JSON.stringify(want)}\nseen ${JSON.stringify(seen)}`,
      },
    );

    // A late duplicate would arrive within a couple of report intervals.
    await new Promise((resolve) => setTimeout(resolve, 3 * REPORT_INTERVAL_SECONDS * 1000));
    const settled = await scrapeNode(node);
    expect(normalise(settled.pulls)).toEqual(want.pulls);
    expect(normalise(settled.fallbacks)).toEqual(want.fallbacks);
  };

  /** Kills the agent with SIGKILL while rounds of pulls run, restarts it, and checks the counts. */
  const killDuringPulls = async (agent: GapwatchProcess, node: string) => {
    const roundsBefore = roundsRun;
    let pullingDone = false;
    const pulling = (async () => {
      for (let round = 0; round < ROUNDS_DURING_KILL; round += 1) {
        await runPullCases(lab, undefined, 100);
        roundsRun += 1;
      }
      pullingDone = true;
    })();

    await waitFor(() => (roundsRun >= roundsBefore + 2 ? true : undefined), { timeoutMs: 30_000, what: 'two rounds of pulls' });
    await agent.process.kill9();
    const killedWhilePulling = !pullingDone;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await agent.restart();
    await pulling;
    await journalFeed.flush();

    expect(killedWhilePulling).toBe(true);
    await expectExactCounts(node);
  };

  describe('file source', () => {
    const node = 'lab-file';
    let agent: GapwatchProcess;

    it('counts each case exactly', async () => {
      await runRound();
      agent = await startAgent(node, { kind: 'file', path: lab.containerd.logFile });
      await expectExactCounts(node);
    });

    it('survives kill -9 exactly', async () => {
      await killDuringPulls(agent, node);
      await agent.stop();
    });
  });

  describe('journald source', () => {
    const node = 'lab-journal';
    let agent: GapwatchProcess;

    it('counts each case exactly', async () => {
      await runRound();
      await journalFeed.flush();
      agent = await startAgent(node, { kind: 'journald', directory: journal.dir });
      await expectExactCounts(node);
    });

    it('survives kill -9 exactly', async () => {
      await killDuringPulls(agent, node);
      await agent.stop();
    });
  });
});

function ofNode(samples: MetricSample[], node: string): MetricSample[] {
  return samples.filter((sample) => sample.labels.node === node && sample.value !== 0);
}

/** Sorts samples by their labels so two lists compare equal regardless of order. */
function normalise(samples: readonly ExpectedSample[]): ExpectedSample[] {
  return samples
    .map((sample) => ({ labels: Object.fromEntries(Object.entries(sample.labels).sort()), value: sample.value }))
    .sort((a, b) => JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels)));
}
