import { describe, expect, it } from 'vitest';
import type { AgentReadResult } from './agent-result.js';
import { RSS_TARGET_BYTES, renderAgentReport, summarize, type AgentBenchRecord } from './agent-report.js';
import { emptyPullCounts } from './pull-tally.js';

const MIB = 1024 * 1024;

function agentRun(seconds: number, peakRssBytes: number): AgentReadResult {
  return {
    ...emptyPullCounts(),
    lines: 1000,
    rejected: 0,
    tracker: { lines: 1000, malformedLines: 0, ignoredLines: 900, ambiguousLines: 0, unattributedLines: 0, pullsStarted: 20, pullsCompleted: 20 },
    seconds,
    linesPerSecond: Math.round(1000 / seconds),
    peakRssBytes,
    journalctlPeakRssBytes: 40 * MIB,
    journalctlCpuSeconds: seconds / 3,
    cpuSeconds: seconds / 2,
  };
}

function record(agent: AgentReadResult[], differences: string[] = []): AgentBenchRecord {
  return {
    command: 'npm run bench',
    date: '2026-01-05',
    machine: { cpus: 2, cpuModel: 'test CPU', memoryBytes: 4 * 1024 * MIB, loadAverage: 0.5, node: 'v20.0.0', journalctl: 'systemd 252' },
    lines: 1000,
    pullLines: 100,
    pulls: 20,
    journalBytes: 8 * MIB,
    baseline: [
      { seconds: 2, linesPerSecond: 500, cpuSeconds: 1 },
      { seconds: 1, linesPerSecond: 1000, cpuSeconds: 1 },
      { seconds: 4, linesPerSecond: 250, cpuSeconds: null },
    ],
    agent,
    nodeFlags: '--max-semi-space-size=1',
    load: { samples: 3, mean: 2.5, max: 4 },
    differences,
  };
}

describe('summarize', () => {
  it('divides median agent by median baseline', () => {
    const summary = summarize(record([agentRun(3, MIB), agentRun(2, MIB), agentRun(9, MIB)]));

    expect(summary.ratio).toBe(1.5);
  });

  it('takes largest peak RSS', () => {
    const summary = summarize(record([agentRun(1, 50 * MIB), agentRun(1, 90 * MIB)]));

    expect(summary.peakRssBytes).toBe(90 * MIB);
    expect(summary.withinRssTarget).toBe(false);
  });

  it('accepts RSS at target', () => {
    expect(summarize(record([agentRun(1, RSS_TARGET_BYTES)])).withinRssTarget).toBe(true);
  });
});

describe('renderAgentReport', () => {
  it('states ratio and RSS verdict', () => {
    const text = renderAgentReport(record([agentRun(4, 100 * MIB)]));

    expect(text).toContain('Ratio agent/baseline wall time: **2.00**');
    expect(text).toContain('**above the 80.0 MiB target** by 20.0 MiB');
  });

  it('states CPU per line', () => {
    const text = renderAgentReport(record([agentRun(3, MIB)]));

    expect(text).toContain('CPU per line: journalctl 1000.0 µs alone, 1000.0 µs inside the agent run');
  });

  it('states keeps-up CPU ratio', () => {
    const text = renderAgentReport(record([agentRun(3, MIB)]));

    expect(text).toContain('**1.50** of journalctl\'s inside the agent run and 1.50 of journalctl\'s alone');
  });

  it('states load and flags', () => {
    const text = renderAgentReport(record([agentRun(3, MIB)]));

    expect(text).toContain('Load average during the runs: mean 2.5, max 4.0 (3 samples)');
    expect(text).toContain('Agent Node.js flags: `--max-semi-space-size=1`');
  });

  it('reports reading differences', () => {
    const text = renderAgentReport(record([agentRun(2, MIB)], ['run 1: pulls: read 19, expected 20']));

    expect(text).toContain('run 1: pulls: read 19, expected 20');
  });
});
