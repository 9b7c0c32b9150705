import { percentiles } from '../core/percentiles.js';
import type { AgentReadResult } from './agent-result.js';
import type { BaselineRun } from './baseline.js';
import type { LoadDuringRun } from './load-sampler.js';
import { formatMachine, type MachineInfo } from './machine.js';
import { markdownTable } from './markdown-section.js';

/** Peak RSS the agent's reading path should stay under, in bytes. */
export const RSS_TARGET_BYTES = 80 * 1024 * 1024;

export interface AgentBenchRecord {
  command: string;
  date: string;
  machine: MachineInfo;
  lines: number;
  pullLines: number;
  pulls: number;
  journalBytes: number;
  baseline: readonly BaselineRun[];
  agent: readonly AgentReadResult[];
  /** V8 flags of the measured agent process, separated by spaces, or empty for none. */
  nodeFlags: string;
  /** Load average sampled from the first baseline run to the last agent run. */
  load: LoadDuringRun;
  /** Differences between the pulls the agent read and those the fixture contains, per run. */
  differences: readonly string[];
}

export interface AgentBenchSummary {
  baselineSeconds: number;
  agentSeconds: number;
  /** Agent wall time over baseline wall time; 1.0 means the agent keeps pace with journalctl. */
  ratio: number;
  peakRssBytes: number;
  journalctlPeakRssBytes: number | null;
  withinRssTarget: boolean;
}

export function median(values: readonly number[]): number {
  return percentiles(values, [0.5])[0] ?? Number.NaN;
}

export function summarize(record: AgentBenchRecord): AgentBenchSummary {
  const baselineSeconds = median(record.baseline.map((run) => run.seconds));
  const agentSeconds = median(record.agent.map((run) => run.seconds));
  const peakRssBytes = Math.max(...record.agent.map((run) => run.peakRssBytes));
  const journalctlPeaks = record.agent.map((run) => run.journalctlPeakRssBytes).filter((value): value is number => value !== null);
  return {
    baselineSeconds,
    agentSeconds,
    ratio: agentSeconds / baselineSeconds,
    peakRssBytes,
    journalctlPeakRssBytes: journalctlPeaks.length > 0 ? Math.max(...journalctlPeaks) : null,
    withinRssTarget: peakRssBytes <= RSS_TARGET_BYTES,
  };
}

/** Renders the generated part of the agent section: run facts, the table and the verdict lines. */
export function renderAgentReport(record: AgentBenchRecord): string {
  const summary = summarize(record);
  const baselineCpu = medianOrNull(record.baseline.map((run) => run.cpuSeconds));
  const agentJournalctlCpu = medianOrNull(record.agent.map((run) => run.journalctlCpuSeconds));
  const nodeCpu = median(record.agent.map((run) => run.cpuSeconds));
  const rows = [
    [
      'journalctl -o json --output-fields=MESSAGE > /dev/null (baseline)',
      seconds(summary.baselineSeconds),
      integer(record.lines / summary.baselineSeconds),
      record.baseline.map((run) => seconds(run.seconds)).join(', '),
      optionalSeconds(baselineCpu),
      '—',
      '—',
      '—',
    ],
    [
      'agent: JournaldSource → PullTracker',
      seconds(summary.agentSeconds),
      integer(record.lines / summary.agentSeconds),
      record.agent.map((run) => seconds(run.seconds)).join(', '),
      optionalSeconds(agentJournalctlCpu),
      seconds(nodeCpu),
      mebibytes(summary.peakRssBytes),
      summary.journalctlPeakRssBytes === null ? 'not found' : mebibytes(summary.journalctlPeakRssBytes),
    ],
  ];

  const rssVerdict = summary.withinRssTarget
    ? `within the ${mebibytes(RSS_TARGET_BYTES)} target`
    : `**above the ${mebibytes(RSS_TARGET_BYTES)} target** by ${mebibytes(summary.peakRssBytes - RSS_TARGET_BYTES)}`;
  const correctness =
    record.differences.length === 0
      ? `every run read all ${integer(record.pulls)} pulls with the expected outcome and serving host`
      : `**the agent's reading differed from the fixture**: ${record.differences.join('; ')}`;

  return [
    `- Command: \`${record.command}\``,
    `- Date: ${record.date}`,
    `- Machine: ${formatMachine(record.machine)}`,
    `- Load average during the runs: mean ${record.load.mean.toFixed(1)}, max ${record.load.max.toFixed(1)} (${record.load.samples} samples)`,
    `- Agent Node.js flags: ${record.nodeFlags === '' ? 'none' : `\`${record.nodeFlags}\``}`,
    `- Input: ${integer(record.lines)} containerd lines (${integer(record.pullLines)} pull lines, ${integer(record.pulls)} pulls) in ${mebibytes(record.journalBytes)} of journal files`,
    '',
    markdownTable(
      [
        'Reader',
        'Median wall (s)',
        'Lines/s (median)',
        'Runs, wall (s)',
        'journalctl CPU (s, median)',
        'Node CPU (s, median)',
        'Node peak RSS (max)',
        'journalctl peak RSS (max)',
      ],
      rows,
    ),
    '',
    `- Ratio agent/baseline wall time: **${summary.ratio.toFixed(2)}** (the agent reads at ${percent(1 / summary.ratio)} of journalctl's speed).`,
    `- CPU per line: journalctl ${perLine(baselineCpu, record.lines)} alone, ${perLine(agentJournalctlCpu, record.lines)} inside the agent run; the agent's Node.js side ${perLine(nodeCpu, record.lines)}.`,
    `- Keeps up: the agent's Node.js CPU per line is **${ratio(nodeCpu, agentJournalctlCpu)}** of journalctl's inside the agent run and ${ratio(nodeCpu, baselineCpu)} of journalctl's alone; below 1.0 the Node.js side needs less CPU than journalctl to produce the lines.`,
    `- Peak RSS of the agent's Node.js process (VmHWM): ${mebibytes(summary.peakRssBytes)}, ${rssVerdict}.`,
    `- Correctness: ${correctness}.`,
  ].join('\n');
}

function medianOrNull(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length > 0 ? median(known) : null;
}

function ratio(numerator: number, denominator: number | null): string {
  return denominator === null || denominator === 0 ? 'unknown' : (numerator / denominator).toFixed(2);
}

function optionalSeconds(value: number | null): string {
  return value === null ? 'unknown' : seconds(value);
}

function perLine(cpuSeconds: number | null, lines: number): string {
  return cpuSeconds === null ? 'unknown' : `${((cpuSeconds / lines) * 1e6).toFixed(1)} µs`;
}

function seconds(value: number): string {
  return value.toFixed(2);
}

function integer(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function percent(value: number): string {
  return `${Math.round(value * 100)} %`;
}
