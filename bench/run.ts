import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { createLogger, type Logger } from '../core/log.js';
import { isGapwatchError } from '../core/errors.js';
import type { AgentReadResult } from './agent-result.js';
import { renderAgentReport, summarize, type AgentBenchRecord } from './agent-report.js';
import { runAgentRead } from './agent-run.js';
import { runBaseline, type BaselineRun } from './baseline.js';
import { createJournalFixture, type JournalFixture } from './journal-fixture.js';
import { sampleLoad } from './load-sampler.js';
import { describeMachine } from './machine.js';
import { replaceGeneratedPart } from './markdown-section.js';
import { positiveInteger } from './options.js';
import { comparePullCounts } from './pull-tally.js';

interface RunOptions {
  lines: number;
  repeats: number;
  seed: number;
  timeout: number;
  keep: boolean;
  docs: string | false;
  nodeFlags: string;
}

const DEFAULT_DOCS = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
const SECTION_NAME = 'agent-journal-read';
const SECTION_HEADING = 'Agent: reading containerd lines from the journal';
/** The V8 flags the DaemonSet and the systemd unit set through NODE_OPTIONS. */
export const AGENT_NODE_FLAGS = '--max-semi-space-size=1 --max-old-space-size=64';

/**
 * Runs `npm run bench`. It builds a journal of containerd lines, then times journalctl printing it
 * as JSON (the baseline) and the agent's reading path following it, alternating the two. It prints
 * a Markdown table with the medians, the ratio and the agent's peak RSS, and writes it into the docs.
 */
async function main(): Promise<void> {
  const program = new Command('bench')
    .description('Benchmark the agent reading containerd lines from a journal against journalctl alone')
    .option('--lines <count>', 'containerd lines in the generated journal', positiveInteger('--lines'), 1_000_000)
    .option('--repeats <count>', 'runs of the baseline and of the agent; the table shows medians', positiveInteger('--repeats'), 3)
    .option('--seed <number>', 'seed of the generated log; the same seed gives the same journal', positiveInteger('--seed'), 1)
    .option('--timeout <seconds>', 'limit for one agent run to read every line', positiveInteger('--timeout'), 600)
    .option('--keep', 'keep the generated journal and certs.d and print their folder', false)
    .option('--docs <file>', 'Markdown file whose agent section receives the results', DEFAULT_DOCS)
    .option('--no-docs', 'print the table without writing it into the docs file')
    .option('--node-flags <flags>', 'space-separated Node.js flags for the measured agent process; the default is the deployed agent\'s NODE_OPTIONS', AGENT_NODE_FLAGS)
    .parse();
  const options = program.opts<RunOptions>();
  const logger = createLogger({ name: 'bench' });

  const machine = describeMachine();
  const fixture = await createJournalFixture({ lines: options.lines, seed: options.seed, logger });
  try {
    const load = sampleLoad();
    const { baseline, agent } = await measure(fixture, options, logger);
    const record: AgentBenchRecord = {
      command: commandLine(),
      date: new Date().toISOString().slice(0, 10),
      machine,
      lines: options.lines,
      pullLines: fixture.expected.pullLines,
      pulls: fixture.expected.pulls,
      journalBytes: fixture.journalBytes,
      baseline,
      agent,
      nodeFlags: options.nodeFlags,
      load: load.stop(),
      differences: agent.flatMap((run, index) => comparePullCounts(run, fixture.expected).map((text) => `run ${index + 1}: ${text}`)),
    };

    const report = renderAgentReport(record);
    process.stdout.write(`\n## ${SECTION_HEADING}\n\n${report}\n`);
    if (options.docs !== false) {
      writeDocs(options.docs, report);
      logger.info({ file: options.docs }, 'results written');
    }
    logger.info({ ...summarize(record), fixtureSeconds: fixture.generateSeconds + fixture.convertSeconds }, 'bench finished');
  } finally {
    if (options.keep) {
      logger.info({ journalDir: fixture.journalDir, certsDir: fixture.certsDir }, 'fixture kept');
    } else {
      fixture.remove();
    }
  }
}

/** Alternates baseline and agent runs so that load from other work on the machine hits both alike. */
async function measure(fixture: JournalFixture, options: RunOptions, logger: Logger): Promise<{ baseline: BaselineRun[]; agent: AgentReadResult[] }> {
  const baseline: BaselineRun[] = [];
  const agent: AgentReadResult[] = [];
  const nodeFlags = options.nodeFlags.split(' ').filter((flag) => flag !== '');

  for (let run = 1; run <= options.repeats; run++) {
    const base = await runBaseline(fixture.journalDir, options.lines);
    baseline.push(base);
    logger.info({ run, seconds: base.seconds, linesPerSecond: base.linesPerSecond }, 'baseline run finished');

    const read = await runAgentRead({
      journalDir: fixture.journalDir,
      certsDir: fixture.certsDir,
      lines: options.lines,
      timeoutSeconds: options.timeout,
      nodeFlags,
    });
    agent.push(read);
    logger.info({ run, seconds: read.seconds, linesPerSecond: read.linesPerSecond, peakRssBytes: read.peakRssBytes }, 'agent run finished');
  }
  return { baseline, agent };
}

function writeDocs(file: string, report: string): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nOne section per benchmark, each with its command, machine, date and results.\n';
  writeFileSync(file, replaceGeneratedPart(current, SECTION_NAME, SECTION_HEADING, report));
}

function commandLine(): string {
  const args = process.argv.slice(2);
  return ['npm run bench', ...(args.length > 0 ? ['--', ...args] : [])].join(' ');
}

main().catch((err: unknown) => {
  process.stderr.write(`${isGapwatchError(err) ? err.describe() : String((err as Error)?.stack ?? err)}\n`);
  process.exitCode = 1;
});
