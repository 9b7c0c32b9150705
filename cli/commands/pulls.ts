import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createLogger } from '../../core/log.js';
import { CertsDir } from '../../agent/containerd/certsd.js';
import { containerdError } from '../../agent/containerd/errors.js';
import { toChronologicalOrder } from '../../agent/containerd/input-order.js';
import { countContainerdLines, formatPullsTable, roundDuration, sortByStartTime, summarizePulls } from '../../agent/containerd/pulls-summary.js';
import { PullTracker } from '../../agent/containerd/tracker.js';
import type { PullRecord } from '../../wire/pull.js';
import { EXIT_OK } from '../exit-codes.js';

interface PullsOptions {
  certsDir: string;
  node: string;
  json?: boolean;
}

/** `gapwatch pulls`: reads a containerd log and prints the pulls it contains. */
export function register(program: Command): void {
  program
    .command('pulls')
    .description('Read a containerd log (plain, journalctl short or journalctl -o json) and list its image pulls')
    .argument('[file]', 'log file, or "-" for standard input', '-')
    .requiredOption('--certs-dir <dir>', '(required) certs.d directory containerd reads (config_path), to tell mirror from upstream')
    .option('--node <name>', 'node name recorded in each pull record', 'local')
    .option('--json', 'print one pull record as JSON per line instead of a table')
    .action((file: string, options: PullsOptions) => {
      process.exitCode = runPulls(file, options);
    });
}

function runPulls(file: string, options: PullsOptions): number {
  const logger = createLogger({ name: 'cli' }).child({ command: 'pulls', node: options.node });
  const certs = new CertsDir(options.certsDir, { logger });
  certs.assertReadable();

  if (file === '-' && process.stdin.isTTY) {
    process.stderr.write('reading containerd log lines from standard input (end with Ctrl-D, or pass a log FILE)...\n');
  }
  const text = readInput(file);
  // A final newline ends the last line and does not start another.
  const split = text.split('\n');
  if (split.at(-1) === '') {
    split.pop();
  }
  const lines = toChronologicalOrder(split);
  const tracker = new PullTracker({ node: options.node, hosts: certs, logger });

  // Loops, not spreads: a flush can return more records than a call's argument limit.
  const records: PullRecord[] = [];
  lines.forEach((line, index) => {
    for (const record of tracker.push({ text: line, position: String(index) })) {
      records.push(record);
    }
  });
  for (const record of tracker.flush()) {
    records.push(record);
  }

  const sorted = sortByStartTime(records).map(roundDuration);
  if (options.json) {
    process.stdout.write(sorted.map((record) => `${JSON.stringify(record)}\n`).join(''));
  } else {
    // Counted only without pulls, to tell an empty log from input that is not a containerd log.
    const containerdLines = sorted.length === 0 ? countContainerdLines(lines) : null;
    process.stdout.write(formatPullsTable(sorted, summarizePulls(sorted, tracker.stats, containerdLines)));
  }
  return EXIT_OK;
}

function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw containerdError('GW_PULLS_INPUT_UNREADABLE', { file, reason: (err as Error).message }, err);
  }
}
