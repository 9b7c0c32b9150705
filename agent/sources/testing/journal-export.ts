import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const JOURNAL_REMOTE = '/lib/systemd/systemd-journal-remote';

/** Whether the real-journal tests can run; under CI=true a missing tool fails instead of skipping. */
export function journalToolsAvailable(): boolean {
  const available = existsSync(JOURNAL_REMOTE) && existsSync('/usr/bin/journalctl');
  if (!available && process.env.CI === 'true') {
    throw new Error('systemd-journal-remote and journalctl are required: apt-get install systemd-journal-remote systemd');
  }
  return available;
}

let monotonic = 1000;

/**
 * Appends entries to `<dir>/x.journal` by writing journal export format and converting it
 * with systemd-journal-remote, so tests read a real journal with real cursors.
 */
export function appendJournal(dir: string, messages: ReadonlyArray<string | Buffer>, unit = 'containerd.service'): void {
  const parts: Buffer[] = [];
  for (const message of messages) {
    monotonic += 1;
    const realtimeUs = BigInt(Date.now()) * 1000n + BigInt(monotonic % 1000);
    parts.push(
      Buffer.from(
        `__REALTIME_TIMESTAMP=${realtimeUs}\n__MONOTONIC_TIMESTAMP=${monotonic}\n` +
          `_BOOT_ID=27b76ce41e524d5786122a7601a30f01\n_HOSTNAME=node-1\n_SYSTEMD_UNIT=${unit}\n`,
      ),
    );
    const bytes = Buffer.isBuffer(message) ? message : Buffer.from(message);
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(bytes.length));
    // The binary field form carries any bytes, newlines and invalid UTF-8 included.
    parts.push(Buffer.from('MESSAGE\n'), length, bytes, Buffer.from('\n\n'));
  }

  const exportFile = join(dir, `append-${monotonic}.export`);
  writeFileSync(exportFile, Buffer.concat(parts));
  execFileSync(JOURNAL_REMOTE, [`--output=${join(dir, 'x.journal')}`, '--split-mode=none', exportFile], { stdio: 'ignore' });
}
