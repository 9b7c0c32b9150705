import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { systemClock } from '../core/clock.js';
import { isGapwatchError } from '../core/errors.js';
import { createLogger } from '../core/log.js';
import { CertsDir } from '../agent/containerd/certsd.js';
import { PullTracker } from '../agent/containerd/tracker.js';
import { JournaldSource } from '../agent/sources/journald.js';
import type { SourceBatch } from '../agent/sources/types.js';
import type { PullRecord } from '../wire/pull.js';
import type { AgentReadResult } from './agent-result.js';
import { benchError } from './errors.js';
import { parseProcStatCpuSeconds } from './cpu-times.js';
import { childPids, peakRssBytes } from './proc-status.js';
import { countPulls, emptyPullCounts } from './pull-tally.js';
import { positiveInteger } from './options.js';

interface ReadOptions {
  directory: string;
  certsDir: string;
  lines: number;
  timeout: number;
}

/**
 * Runs the agent's reading path alone, in its own process so that its peak RSS is the agent's.
 * The real JournaldSource follows `--directory` into the real PullTracker with a CertsDir until
 * `--lines` lines arrived. The process then prints one AgentReadResult as JSON on stdout, and
 * logs go to stderr.
 */
async function main(): Promise<void> {
  const program = new Command('agent-read')
    .description('Measure the agent reading a journal: lines per second and peak RSS')
    .requiredOption('--directory <dir>', 'journal folder passed to journalctl --directory')
    .requiredOption('--certs-dir <dir>', 'certs.d folder the pull tracker resolves hosts from')
    .requiredOption('--lines <count>', 'lines the journal holds; reading stops after this many', positiveInteger('--lines'))
    .option('--timeout <seconds>', 'give up when not all lines arrived after this many seconds', positiveInteger('--timeout'), 600)
    .parse();
  const options = program.opts<ReadOptions>();

  const result = await readJournal(options);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function readJournal(options: ReadOptions): Promise<AgentReadResult> {
  const logger = createLogger({ name: 'bench-agent-read' }).child({ node: 'bench-node-1' });
  const certs = new CertsDir(options.certsDir, { logger, clock: systemClock });
  certs.assertReadable();
  const tracker = new PullTracker({ node: 'bench-node-1', hosts: certs, logger, clock: systemClock });
  const source = new JournaldSource({ directory: options.directory, clock: systemClock, logger });

  const counts = emptyPullCounts();
  let rejected = 0;
  let finished = false;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();

  return new Promise((resolve, reject) => {
    const timer = systemClock.setTimeout(() => {
      finished = true;
      const error = benchError('GW_BENCH_READ_INCOMPLETE', {
        seen: tracker.stats.lines + rejected,
        expected: options.lines,
        seconds: options.timeout,
        directory: options.directory,
      });
      source.stop().then(() => reject(error), reject);
    }, options.timeout * 1000);

    const onBatch = (batch: SourceBatch) => {
      if (finished) {
        return;
      }

      // The same steps as the agent runtime per batch: push every line, then ask for the resume position.
      const records: PullRecord[] = [];
      for (const line of batch.lines) {
        records.push(...tracker.push(line));
      }
      tracker.resumePosition();
      countPulls(counts, records);
      rejected += batch.rejected;

      if (tracker.stats.lines + rejected < options.lines) {
        return;
      }
      finished = true;
      systemClock.clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = process.cpuUsage(cpuBefore);
      const journalctl = journalctlUsage();

      source
        .stop()
        .then(() => {
          countPulls(counts, tracker.flush());
          resolve({
            ...counts,
            lines: tracker.stats.lines + rejected,
            rejected,
            tracker: { ...tracker.stats },
            seconds,
            linesPerSecond: Math.round((tracker.stats.lines + rejected) / seconds),
            peakRssBytes: peakRssBytes(),
            journalctlPeakRssBytes: journalctl?.peakRssBytes ?? null,
            journalctlCpuSeconds: journalctl?.cpuSeconds ?? null,
            cpuSeconds: (cpu.user + cpu.system) / 1e6,
          });
        }, reject);
    };

    source.start(null, onBatch);
  });
}

/** Peak RSS and CPU time of the journalctl child, read while it still runs; null when it was not found. */
function journalctlUsage(): { peakRssBytes: number; cpuSeconds: number | null } | null {
  for (const pid of childPids()) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'journalctl') {
        continue;
      }
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return { peakRssBytes: peakRssBytes(pid), cpuSeconds: parseProcStatCpuSeconds(stat, clockTicksPerSecond()) };
    } catch {
      // The child exited between listing and reading, so there is nothing to measure.
    }
  }
  return null;
}

function clockTicksPerSecond(): number {
  const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
}

main().catch((err: unknown) => {
  process.stderr.write(`${isGapwatchError(err) ? err.describe() : String((err as Error)?.stack ?? err)}\n`);
  process.exitCode = 1;
});
