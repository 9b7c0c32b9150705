import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { isGapwatchError } from '../../core/errors.js';
import { silentLogger } from '../../core/log.js';
import type { SourceLine } from '../containerd/types.js';
import { mayConcernPull } from '../containerd/tracker.js';
import { JournaldSource } from './journald.js';
import { appendJournal, journalToolsAvailable } from './testing/journal-export.js';

const available = journalToolsAvailable();

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met before timeout');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!available)('JournaldSource on real journal', () => {
  let dir: string;
  let source: JournaldSource | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-journal-'));
  });

  afterEach(async () => {
    await source?.stop();
    source = null;
    rmSync(dir, { recursive: true, force: true });
  });

  // Keeps every message, so plain test words are not skimmed to an empty text.
  function follow(position: string | null, mayMatter: (raw: string) => boolean = () => true): SourceLine[] {
    const lines: SourceLine[] = [];
    source = new JournaldSource({ directory: dir, clock: systemClock, logger: silentLogger(), mayMatter });
    source.start(position, (batch) => lines.push(...batch.lines));
    return lines;
  }

  it('follows lines appended later', async () => {
    appendJournal(dir, ['first', 'second']);
    const lines = follow(null);
    await waitFor(() => lines.length === 2);

    appendJournal(dir, ['third']);
    await waitFor(() => lines.length === 3);
    expect(lines.map((line) => line.text)).toEqual(['first', 'second', 'third']);
  });

  it('resumes after saved cursor', async () => {
    appendJournal(dir, ['one', 'two', 'three']);
    const first = follow(null);
    await waitFor(() => first.length === 3);
    await source!.stop();

    const resumed = follow(first[0]!.position);
    await waitFor(() => resumed.length === 2);
    expect(resumed.map((line) => line.text)).toEqual(['two', 'three']);
  });

  it('decodes invalid UTF-8 messages', async () => {
    appendJournal(dir, [Buffer.from([0x62, 0x61, 0x64, 0x20, 0xff])]);
    const lines = follow(null);
    await waitFor(() => lines.length === 1);
    expect(lines[0]!.text).toBe('bad \uFFFD');
  });

  it('reads only configured unit', async () => {
    appendJournal(dir, ['kubelet line'], 'kubelet.service');
    appendJournal(dir, ['containerd line']);
    const lines = follow(null);
    await waitFor(() => lines.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines.map((line) => line.text)).toEqual(['containerd line']);
  });

  it('reads messages over 4096 bytes', async () => {
    const long = `msg="PullImage" ${'x'.repeat(5000)}`;
    appendJournal(dir, [long]);
    const lines = follow(null);
    await waitFor(() => lines.length === 1);
    expect(lines[0]!.text).toBe(long);
  });

  it('skims records without pull keywords', async () => {
    appendJournal(dir, ['level=info msg="starting plugins"', 'level=info msg="PullImage \\"a:1\\""']);
    const full = follow(null);
    await waitFor(() => full.length === 2);
    await source!.stop();

    const skimmed = follow(null, mayConcernPull);
    await waitFor(() => skimmed.length === 2);
    expect(skimmed.map((line) => line.text)).toEqual(['', full[1]!.text]);
    expect(skimmed.map((line) => line.position)).toEqual(full.map((line) => line.position));
  });

  it('restarts after journalctl exits', async () => {
    appendJournal(dir, ['before']);
    const lines = follow(null);
    await waitFor(() => lines.length === 1);

    const child = (source as unknown as { child: { kill(signal: string): void } }).child;
    child.kill('SIGKILL');
    await waitFor(() => source!.restarts === 1);
    appendJournal(dir, ['after']);
    await waitFor(() => lines.length === 2);
    expect(lines.map((line) => line.text)).toEqual(['before', 'after']);
  });
});

describe('JournaldSource without journal', () => {
  it('rejects missing journal folder', () => {
    let caught: unknown;
    try {
      new JournaldSource({ clock: systemClock, logger: silentLogger(), systemJournalDirs: ['/nonexistent/journal'] });
    } catch (err) {
      caught = err;
    }
    expect(isGapwatchError(caught, 'GW_AGENT_JOURNAL_MISSING')).toBe(true);
  });
});
