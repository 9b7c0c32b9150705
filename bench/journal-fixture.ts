import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Logger } from '../core/log.js';
import { formatExportEntry, type JournalField } from './fixture/export-entry.js';
import { LogStream, type ExpectedReading } from './fixture/log-stream.js';
import { FIXTURE_REGISTRIES, hostsToml } from './fixture/registries.js';
import { runTool } from './run-tool.js';

export interface JournalFixtureOptions {
  lines: number;
  seed: number;
  logger: Logger;
  /** Parent of the temporary fixture folder; the system temp folder when unset. */
  parentDir?: string;
  journalRemote?: string;
}

export interface JournalFixture {
  /** Temporary folder holding everything below; `remove` deletes it. */
  root: string;
  /** Folder for `journalctl --directory`; journal-remote rotates to a new file when one file's hash table fills. */
  journalDir: string;
  certsDir: string;
  expected: ExpectedReading;
  exportBytes: number;
  journalBytes: number;
  generateSeconds: number;
  convertSeconds: number;
  remove(): void;
}

export const JOURNAL_REMOTE = '/lib/systemd/systemd-journal-remote';
const HOSTNAME = 'bench-node-1';
const START_US = Date.UTC(2026, 0, 5) * 1000;
// The node booted 50 minutes before the first line, so monotonic time is realtime minus this.
const BOOT_OFFSET_US = START_US - 3_000_000_000;
const CHUNK_BYTES = 1 << 20;

/**
 * Writes a journal export file of `lines` containerd log lines with about 10 % pull lines,
 * converts it with systemd-journal-remote into real journal files, deletes the export file,
 * and writes the certs.d that routes the pulls' registries.
 */
export async function createJournalFixture(options: JournalFixtureOptions): Promise<JournalFixture> {
  const root = mkdtempSync(join(options.parentDir ?? tmpdir(), 'gapwatch-bench-'));
  const logger = options.logger.child({ fixture: root });
  const remove = () => rmSync(root, { recursive: true, force: true });

  try {
    const certsDir = writeCertsDir(root);
    const exportFile = join(root, 'containerd.export');
    const journalDir = join(root, 'journal');
    mkdirSync(journalDir);

    logger.info({ lines: options.lines, seed: options.seed }, 'writing journal export file');
    const generateStarted = process.hrtime.bigint();
    const expected = await writeExportFile(exportFile, options.lines, options.seed);
    const generateSeconds = Number(process.hrtime.bigint() - generateStarted) / 1e9;
    const exportBytes = statSync(exportFile).size;

    const journalFile = join(journalDir, 'x.journal');
    const command = options.journalRemote ?? JOURNAL_REMOTE;
    logger.info({ command, exportBytes }, 'converting export file into a journal');
    const converted = await runTool({
      command,
      args: [`--output=${journalFile}`, '--split-mode=none', exportFile],
      debianPackage: 'systemd-journal-remote',
      stdout: 'ignore',
      dir: root,
    });
    rmSync(exportFile);

    const journalBytes = folderBytes(journalDir);
    logger.info({ seconds: converted.seconds, journalBytes }, 'journal written');
    return { root, journalDir, certsDir, expected, exportBytes, journalBytes, generateSeconds, convertSeconds: converted.seconds, remove };
  } catch (err) {
    remove();
    throw err;
  }
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

function writeCertsDir(root: string): string {
  const certsDir = join(root, 'certs.d');
  for (const registry of FIXTURE_REGISTRIES) {
    mkdirSync(join(certsDir, registry.namespace), { recursive: true });
    writeFileSync(join(certsDir, registry.namespace, 'hosts.toml'), hostsToml(registry));
  }
  return certsDir;
}

async function writeExportFile(file: string, lines: number, seed: number): Promise<ExpectedReading> {
  const stream = new LogStream({ lines, seed, pullShare: 0.1, registries: FIXTURE_REGISTRIES, startUs: START_US, maxGapUs: 100_000 });
  const bootId = bootIdFor(seed);
  const out = createWriteStream(file);

  const chunk: Buffer[] = [];
  let chunkBytes = 0;
  for (let line = stream.nextLine(); line !== null; line = stream.nextLine()) {
    const entry = formatExportEntry(entryFields(line.realtimeUs, line.message, bootId));
    chunk.push(entry);
    chunkBytes += entry.length;
    if (chunkBytes >= CHUNK_BYTES) {
      await write(out, Buffer.concat(chunk));
      chunk.length = 0;
      chunkBytes = 0;
    }
  }
  await write(out, Buffer.concat(chunk));

  out.end();
  await once(out, 'close');
  return stream.expected;
}

/** Fields journald stores for a line containerd writes to stdout under systemd. */
function entryFields(realtimeUs: number, message: string, bootId: string): JournalField[] {
  return [
    ['__REALTIME_TIMESTAMP', String(realtimeUs)],
    ['__MONOTONIC_TIMESTAMP', String(realtimeUs - BOOT_OFFSET_US)],
    ['_BOOT_ID', bootId],
    ['_HOSTNAME', HOSTNAME],
    ['_TRANSPORT', 'stdout'],
    ['PRIORITY', '6'],
    ['_PID', '812'],
    ['_COMM', 'containerd'],
    ['_SYSTEMD_UNIT', 'containerd.service'],
    ['SYSLOG_IDENTIFIER', 'containerd'],
    ['MESSAGE', message],
  ];
}

function bootIdFor(seed: number): string {
  return (seed >>> 0).toString(16).padStart(8, '0').repeat(4);
}

async function write(out: WriteStream, data: Buffer): Promise<void> {
  if (!out.write(data)) {
    await once(out, 'drain');
  }
}
