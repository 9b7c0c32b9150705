// Collector ingest benchmark: 100 simulated agents in separate load processes POST reports of
// pull records to the real collector (a child process with SQLite in a temporary folder) and,
// first, to a baseline server that only parses and validates. Prints a Markdown section.
// Run: npm run build && node dist/bench/ingest.js [--seconds 40] [--profile] (see OPTIONS)
import { isGapwatchError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/log.js';
import type { ServerChild } from './ingest-child.js';
import { ingestBenchError } from './ingest-errors.js';
import { runLoad, type LoadResult } from './ingest-load.js';
import { formatNumber, machineInfo, machineLine, markdownTable } from './ingest-machine.js';
import { benchUsage, parseBenchOptions, wantsHelp, type IntegerOption } from './ingest-options.js';
import { summarizeProfileDir } from './ingest-profile.js';
import { threadProfilesSection } from './ingest-profile-section.js';
import { startBaselineChild, startCollectorChild } from './ingest-servers.js';
import { checkWorkload } from './ingest-workload-check.js';
import { workloadShapeFrom, type WorkloadShape } from './ingest-workload.js';

const TARGET_PULLS_PER_SECOND = 20_000;

const OPTIONS: IntegerOption[] = [
  { name: 'agents', default: 100, min: 1, max: 10_000, hint: 'simulated agents, each with its own keep-alive connection' },
  { name: 'nodes', default: 1000, min: 1, max: 100_000, hint: 'nodes spread round-robin over the agents' },
  { name: 'images', default: 200, min: 1, max: 100_000, hint: 'distinct image references in the pull mix' },
  { name: 'pulls-per-report', default: 50, min: 0, max: 5000, hint: 'pull records in each report (the wire limit is 5000)' },
  { name: 'seconds', default: 40, min: 1, max: 600, hint: 'time bound of each load run in seconds' },
  { name: 'reports-per-node', default: 0, min: 0, max: 1_000_000, hint: 'stop after this many reports per node, 0 for no count bound' },
  { name: 'workers', default: 1, min: 1, max: 64, hint: 'load generator processes' },
  { name: 'seed', default: 1, min: 0, max: 2 ** 31, hint: 'seed of the pull mix' },
];
const FLAGS = ['profile', 'skip-baseline'];

interface Measured {
  name: string;
  load: LoadResult;
  peakRssBytes: number;
  serverCpuSeconds: number;
}

const logger = createLogger({ name: 'bench-ingest' });

if (wantsHelp(process.argv.slice(2))) {
  process.stdout.write(benchUsage('node dist/bench/ingest.js', OPTIONS, FLAGS));
  process.exit(0);
}

try {
  const machine = machineInfo(new Date());
  const { values, enabled } = parseBenchOptions(process.argv.slice(2), OPTIONS, FLAGS);
  const shape: WorkloadShape = workloadShapeFrom(values);
  checkWorkload(shape, false);

  const load = {
    agents: values.agents ?? 100,
    workers: values.workers ?? 1,
    shape,
    seconds: values.seconds ?? 40,
    reportsPerNode: values['reports-per-node'] || null,
    findingsOnFirstReport: false,
    logger,
  };

  const measured: Measured[] = [];
  if (!enabled.has('skip-baseline')) {
    const baseline = await startBaselineChild(logger);
    measured.push(await measure(baseline, () => runLoad({ ...load, url: baseline.url }), logger));
  }

  const collector = await startCollectorChild({ logger, profile: enabled.has('profile') });
  let profile = null;
  try {
    measured.push(await measure(collector, () => runLoad({ ...load, url: collector.url }), logger));
    profile = collector.profileDir ? summarizeProfileDir(collector.profileDir, 15) : null;
  } finally {
    collector.remove();
  }

  const lines = [
    '## Collector ingest and scrape',
    '',
    `Command: \`${['node dist/bench/ingest.js', ...process.argv.slice(2)].join(' ')}\``,
    '',
    machineLine(machine),
    '',
    `Load: ${load.agents} agents in ${load.workers} load process(es), ${shape.nodes} nodes, ${shape.images} images, ` +
      `${shape.pullsPerReport} pull records per report, one keep-alive connection per agent, each agent waits for its ack; ` +
      `${load.seconds} s per server${load.reportsPerNode ? ` or ${load.reportsPerNode} reports per node` : ''}.`,
    '',
    ingestTable(measured),
    '',
    verdictLine(measured),
  ];
  if (profile && profile.length > 0) {
    lines.push('', threadProfilesSection('Collector CPU profile during ingest', profile));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (err) {
  logger.error({ err }, 'ingest bench failed');
  process.stderr.write(`${isGapwatchError(err) ? err.describe() : String(err)}\n`);
  process.exitCode = 1;
} finally {
  logger.flush();
}

/** Runs one load against a started server, reads its peak RSS and CPU time, then stops it. */
async function measure(server: ServerChild, run: () => Promise<LoadResult>, log: Logger): Promise<Measured> {
  try {
    const cpuBefore = server.cpuSeconds();
    const load = await run();
    const result = { name: server.name, load, peakRssBytes: server.peakRssBytes(), serverCpuSeconds: server.cpuSeconds() - cpuBefore };
    log.info({ server: server.name, acceptedPerSecond: Math.round(load.acceptedPerSecond), failures: load.failures }, 'load measured');
    if (load.reports === 0) {
      throw ingestBenchError('GW_BENCH_INGEST_NO_ACKS', { server: server.name, errors: load.failures, sample: load.failureSample ?? 'none', url: server.url });
    }
    return result;
  } finally {
    await server.stop();
  }
}

function ingestTable(measured: readonly Measured[]): string {
  const rows = measured.map(({ name, load, peakRssBytes, serverCpuSeconds }) => [
    name,
    formatNumber(load.acceptedPerSecond),
    formatNumber(load.accepted / serverCpuSeconds),
    formatNumber(load.reports),
    formatNumber(load.accepted),
    formatNumber(load.failures),
    formatNumber(load.p50Ms, 1),
    formatNumber(load.p99Ms, 1),
    formatNumber(load.maxMs, 1),
    formatNumber(peakRssBytes / 2 ** 20),
    `${formatNumber(serverCpuSeconds, 1)} / ${formatNumber(load.wallSeconds, 1)}`,
    formatNumber(load.loadCpuSeconds, 1),
  ]);
  return markdownTable(
    [
      'Server',
      'Accepted pull records/s',
      'Pull records per server CPU s',
      'Reports acked',
      'Pull records accepted',
      'Failed requests',
      'p50 ms',
      'p99 ms',
      'max ms',
      'Peak RSS MiB (VmHWM)',
      'Server CPU s / wall s',
      'Load generator CPU s',
    ],
    rows,
  );
}

function verdictLine(measured: readonly Measured[]): string {
  const collector = measured.find((entry) => entry.name === 'collector');
  const baseline = measured.find((entry) => entry.name === 'baseline');
  if (!collector) {
    return '';
  }
  const rate = collector.load.acceptedPerSecond;
  const met = rate >= TARGET_PULLS_PER_SECOND ? 'met' : 'missed';
  const ratio = baseline ? ` The collector reaches ${formatNumber((rate / baseline.load.acceptedPerSecond) * 100)} % of the baseline (parse and validate only, no storage).` : '';
  return `Target ${formatNumber(TARGET_PULLS_PER_SECOND)} pull records/s: ${met} (${formatNumber(rate)}/s).${ratio} "Accepted" counts the pull records the ack reports as stored; for the baseline it is the records it validated. ` +
    'Records per server CPU second divide by the CPU time /proc/PID/stat reports for the server, so they hold when other work shares the CPUs.';
}
