// Collector scrape benchmark: ingests reports for 1,000 nodes and 200 images, with every
// findings section on each node's first report, into the real collector (a child process),
// then times 20 sequential GET /metrics and reads the body size. Prints a Markdown section.
// Run: npm run build && node dist/bench/scrape.js [--reports-per-node 2] [--profile]
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { isGapwatchError } from '../core/errors.js';
import { createLogger } from '../core/log.js';
import { percentiles } from '../core/percentiles.js';
import { ingestBenchError } from './ingest-errors.js';
import { runLoad } from './ingest-load.js';
import { formatNumber, machineInfo, machineLine, markdownTable } from './ingest-machine.js';
import { benchUsage, parseBenchOptions, wantsHelp, type IntegerOption } from './ingest-options.js';
import { summarizeProfileDir } from './ingest-profile.js';
import { threadProfilesSection } from './ingest-profile-section.js';
import { startCollectorChild } from './ingest-servers.js';
import { checkWorkload } from './ingest-workload-check.js';
import { workloadShapeFrom, type WorkloadShape } from './ingest-workload.js';

const TARGET_SCRAPE_MS = 250;
// Generous time bound for the ingest step. The count bound (reports per node) normally ends it first.
const INGEST_SECONDS_LIMIT = 150;

const OPTIONS: IntegerOption[] = [
  { name: 'agents', default: 100, min: 1, max: 10_000, hint: 'simulated agents used to fill the collector' },
  { name: 'nodes', default: 1000, min: 1, max: 100_000, hint: 'nodes spread round-robin over the agents' },
  { name: 'images', default: 200, min: 1, max: 100_000, hint: 'distinct image references in the pull mix' },
  { name: 'pulls-per-report', default: 50, min: 0, max: 5000, hint: 'pull records in each report (the wire limit is 5000)' },
  { name: 'reports-per-node', default: 2, min: 1, max: 10_000, hint: 'reports each node sends before the scrapes' },
  { name: 'scrapes', default: 20, min: 1, max: 1000, hint: 'sequential GET /metrics requests to time' },
  { name: 'seed', default: 1, min: 0, max: 2 ** 31, hint: 'seed of the pull mix' },
];
const FLAGS = ['profile'];
const FAMILIES_SHOWN = 8;

interface ScrapeResult {
  timesMs: number[];
  bodyBytes: number;
  series: number;
  /** Metric names with the most sample lines, largest first. */
  families: Array<[string, number]>;
}

const logger = createLogger({ name: 'bench-scrape' });

if (wantsHelp(process.argv.slice(2))) {
  process.stdout.write(benchUsage('node dist/bench/scrape.js', OPTIONS, FLAGS));
  process.exit(0);
}

try {
  const machine = machineInfo(new Date());
  const { values, enabled } = parseBenchOptions(process.argv.slice(2), OPTIONS, FLAGS);
  const shape: WorkloadShape = workloadShapeFrom(values);
  checkWorkload(shape, true);

  const collector = await startCollectorChild({ logger, profile: enabled.has('profile') });
  let ingest;
  let scrape;
  let peakRssBytes;
  let scrapeCpuMs = NaN;
  let profile = null;
  try {
    ingest = await runLoad({
      url: collector.url,
      agents: values.agents ?? 100,
      workers: 1,
      shape,
      seconds: INGEST_SECONDS_LIMIT,
      reportsPerNode: values['reports-per-node'] ?? 2,
      findingsOnFirstReport: true,
      logger,
    });
    if (ingest.reports === 0) {
      throw ingestBenchError('GW_BENCH_INGEST_NO_ACKS', { server: 'collector', errors: ingest.failures, sample: ingest.failureSample ?? 'none', url: collector.url });
    }
    const cpuBefore = collector.cpuSeconds();
    scrape = await timeScrapes(`${collector.url}/metrics`, values.scrapes ?? 20);
    scrapeCpuMs = ((collector.cpuSeconds() - cpuBefore) * 1000) / scrape.timesMs.length;
    peakRssBytes = collector.peakRssBytes();
  } finally {
    await collector.stop();
    profile = collector.profileDir ? summarizeProfileDir(collector.profileDir, 15) : null;
    collector.remove();
  }

  const [median = NaN, max = NaN] = percentiles(scrape.timesMs, [0.5, 1]).map((value) => value ?? NaN);
  const lines = [
    '### /metrics scrape',
    '',
    `Command: \`${['node dist/bench/scrape.js', ...process.argv.slice(2)].join(' ')}\``,
    '',
    machineLine(machine),
    '',
    `Collector state before the scrapes: ${formatNumber(ingest.accepted)} pull records from ${shape.nodes} nodes over ${shape.images} images, ` +
      `every findings section (probes, egress, lint, certificates, filesystems) for each node, ingested in ${formatNumber(ingest.wallSeconds, 1)} s ` +
      `(${formatNumber(ingest.failures)} failed requests).`,
    '',
    markdownTable(
      ['Scrapes', 'Median ms', 'Max ms', 'Collector CPU ms per scrape', 'Body bytes', 'Series', 'Collector peak RSS MiB (VmHWM)'],
      [
        [
          String(scrape.timesMs.length),
          formatNumber(median, 1),
          formatNumber(max, 1),
          formatNumber(scrapeCpuMs),
          formatNumber(scrape.bodyBytes),
          formatNumber(scrape.series),
          formatNumber(peakRssBytes / 2 ** 20),
        ],
      ],
    ),
    '',
    markdownTable(
      ['Metric family', 'Series'],
      scrape.families.map(([family, count]) => [`\`${family}\``, formatNumber(count)]),
    ),
    '',
    `Target under ${TARGET_SCRAPE_MS} ms: ${median < TARGET_SCRAPE_MS && max < TARGET_SCRAPE_MS ? 'met' : 'missed'} (median ${formatNumber(median)} ms, max ${formatNumber(max)} ms).`,
  ];
  if (profile && profile.length > 0) {
    lines.push('', threadProfilesSection('Collector CPU profile during ingest and scrapes', profile));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (err) {
  logger.error({ err }, 'scrape bench failed');
  process.stderr.write(`${isGapwatchError(err) ? err.describe() : String(err)}\n`);
  process.exitCode = 1;
} finally {
  logger.flush();
}

/** Times `count` sequential scrapes, each until the whole body is read. */
async function timeScrapes(url: string, count: number): Promise<ScrapeResult> {
  const timesMs: number[] = [];
  let body = '';
  for (let scrape = 0; scrape < count; scrape++) {
    const started = performance.now();
    const response = await request(url);
    body = await response.body.text();
    timesMs.push(performance.now() - started);
    if (response.statusCode !== 200) {
      throw ingestBenchError('GW_BENCH_SCRAPE_FAILED', { url, status: response.statusCode, body: body.slice(0, 300) });
    }
  }
  logger.info({ scrapes: count, bytes: Buffer.byteLength(body), timesMs: timesMs.map(Math.round) }, 'scrapes timed');
  const samples = body.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  return { timesMs, bodyBytes: Buffer.byteLength(body), series: samples.length, families: largestFamilies(samples, FAMILIES_SHOWN) };
}

/** Counts sample lines per metric name; histogram `_bucket`, `_sum` and `_count` lines count under their own names. */
function largestFamilies(samples: readonly string[], top: number): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(sample)?.[0] ?? sample;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
}
