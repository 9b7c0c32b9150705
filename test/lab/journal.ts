import { execFile } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname as osHostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ProcessRegistry } from './processes.js';
import { LAB_BINARIES } from './require.js';

const execFileAsync = promisify(execFile);

/** Fields journald would attach to a line containerd wrote to stderr under systemd. */
export interface JournalEntryFields {
  hostname: string;
  /** 32 lowercase hex digits, as in `_BOOT_ID`. */
  bootId: string;
  /** Microseconds since the Unix epoch. */
  realtimeUs: bigint;
  /** Microseconds since boot. */
  monotonicUs: bigint;
}

/**
 * Renders log lines as journal export format entries, one per line. A value with a newline
 * uses the export format's binary form (name, newline, 64-bit little-endian length, data).
 */
export function renderExportEntries(lines: readonly string[], fields: JournalEntryFields): Buffer {
  const parts: Buffer[] = [];
  lines.forEach((message, index) => {
    const entry: Array<[string, string]> = [
      // One microsecond apart keeps the entries in input order on both clocks.
      ['__REALTIME_TIMESTAMP', String(fields.realtimeUs + BigInt(index))],
      ['__MONOTONIC_TIMESTAMP', String(fields.monotonicUs + BigInt(index))],
      ['_BOOT_ID', fields.bootId],
      ['_HOSTNAME', fields.hostname],
      ['_SYSTEMD_UNIT', 'containerd.service'],
      ['SYSLOG_IDENTIFIER', 'containerd'],
      ['_TRANSPORT', 'stdout'],
      ['PRIORITY', '6'],
      ['MESSAGE', message],
    ];
    for (const [name, value] of entry) {
      parts.push(renderField(name, value));
    }
    parts.push(Buffer.from('\n'));
  });
  return Buffer.concat(parts);
}

function renderField(name: string, value: string): Buffer {
  if (!value.includes('\n')) {
    return Buffer.from(`${name}=${value}\n`);
  }
  const data = Buffer.from(value, 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(data.length));
  return Buffer.concat([Buffer.from(`${name}\n`), length, data, Buffer.from('\n')]);
}

/** A journal directory that `journalctl --directory=DIR` reads, filled through systemd-journal-remote. */
export interface LabJournal {
  readonly dir: string;
  /** The single journal file every append goes to. */
  readonly file: string;
  /** Appends one entry per line; resolves once the entries are in the journal file. */
  append(lines: readonly string[]): Promise<void>;
  /** Removes the directory. */
  stop(): Promise<void>;
}

export interface JournalOptions {
  /** `_HOSTNAME` of every entry; defaults to this machine's name. */
  hostname?: string;
  registry?: ProcessRegistry;
}

/** Creates an empty journal directory; the journal file appears with the first append. */
export function createJournal(options: JournalOptions = {}): LabJournal {
  const dir = mkdtempSync(join(tmpdir(), 'gw-journal-'));
  const file = join(dir, 'lab.journal');
  const hostname = options.hostname ?? osHostname();
  // The real boot id keeps `journalctl -f` happy: it looks for entries of the current boot.
  const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().replaceAll('-', '');
  let batch = 0;
  // systemd-journal-remote runs are serialised so two never write the same file at once.
  let queue: Promise<void> = Promise.resolve();

  const journal: LabJournal = {
    dir,
    file,

    append(lines) {
      if (lines.length === 0) {
        return queue;
      }
      const run = async () => {
        batch += 1;
        const exportFile = join(dir, `batch-${batch}.export`);
        const realtimeUs = BigInt(Date.now()) * 1000n;
        const monotonicUs = BigInt(Math.round(Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1e6));
        writeFileSync(exportFile, renderExportEntries(lines, { hostname, bootId, realtimeUs, monotonicUs }));
        try {
          // Re-running into the same output appends to it; `journalctl --follow` on the directory prints the new entries.
          await execFileAsync(LAB_BINARIES.journalRemote.command, [`--output=${file}`, '--split-mode=none', exportFile]);
        } finally {
          rmSync(exportFile, { force: true });
        }
      };
      queue = queue.then(run, run);
      return queue;
    },

    async stop() {
      await queue.catch(() => undefined);
      options.registry?.forget(journal);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  options.registry?.track(journal);
  return journal;
}

/** Copies lines a process appends to its log file into a journal, as journald would. */
export interface JournalFeed {
  /** Copies every complete line written so far and resolves once they are in the journal. */
  flush(): Promise<void>;
  /** Flushes, then stops polling. */
  stop(): Promise<void>;
}

/** Polls `logFile` every `intervalMs` and appends new complete lines to `journal`. */
export function feedJournalFromLog(
  logFile: string,
  journal: LabJournal,
  { intervalMs = 200, registry }: { intervalMs?: number; registry?: ProcessRegistry } = {},
): JournalFeed {
  let offset = 0;
  let pending = '';
  let running: Promise<void> = Promise.resolve();

  const copyNewLines = async () => {
    const size = statSync(logFile).size;
    if (size <= offset) {
      return;
    }
    const buffer = Buffer.alloc(size - offset);
    const fd = openSync(logFile, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      closeSync(fd);
    }
    offset = size;
    pending += buffer.toString('utf8');
    const end = pending.lastIndexOf('\n');
    if (end < 0) {
      return;
    }
    const lines = pending.slice(0, end).split('\n').filter((line) => line.length > 0);
    pending = pending.slice(end + 1);
    await journal.append(lines);
  };

  const tick = () => {
    running = running.then(copyNewLines, copyNewLines);
    return running;
  };

  // A failure in a background copy is kept and raised by the next flush or stop.
  let failure: unknown;
  const timer = setInterval(() => {
    tick().catch((err: unknown) => {
      failure ??= err;
    });
  }, intervalMs);

  const flush = async () => {
    await tick();
    if (failure !== undefined) {
      throw failure;
    }
  };

  const feed: JournalFeed = {
    flush,
    async stop() {
      clearInterval(timer);
      registry?.forget(feed);
      await flush();
    },
  };
  registry?.track(feed);
  return feed;
}
