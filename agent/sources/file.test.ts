import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { isGapwatchError } from '../../core/errors.js';
import { silentLogger } from '../../core/log.js';
import type { SourceLine } from '../containerd/types.js';
import { FileSource } from './file.js';
import { parseFilePosition } from './file-position.js';

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met before timeout');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('FileSource', () => {
  let dir: string;
  let file: string;
  let source: FileSource | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-file-'));
    file = join(dir, 'containerd.log');
  });

  afterEach(async () => {
    await source?.stop();
    source = null;
    rmSync(dir, { recursive: true, force: true });
  });

  function follow(position: string | null): SourceLine[] {
    const lines: SourceLine[] = [];
    source = new FileSource({ path: file, clock: systemClock, logger: silentLogger(), pollMs: 50 });
    source.start(position, (batch) => lines.push(...batch.lines));
    return lines;
  }

  const texts = (lines: SourceLine[]) => lines.map((line) => line.text);

  it('reads existing and appended lines', async () => {
    writeFileSync(file, 'a\nb\n');
    const lines = follow(null);
    await waitFor(() => lines.length === 2);

    appendFileSync(file, 'c\n');
    await waitFor(() => lines.length === 3);
    expect(texts(lines)).toEqual(['a', 'b', 'c']);
  });

  it('reports byte offset positions', async () => {
    writeFileSync(file, 'é\nxy\r\n');
    const lines = follow(null);
    await waitFor(() => lines.length === 2);
    expect(lines.map((line) => parseFilePosition(line.position)?.offset)).toEqual([3, 7]);
    expect(texts(lines)).toEqual(['é', 'xy']);
  });

  it('resumes from saved offset', async () => {
    writeFileSync(file, 'one\ntwo\nthree\n');
    const first = follow(null);
    await waitFor(() => first.length === 3);
    await source!.stop();

    const resumed = follow(first[0]!.position);
    await waitFor(() => resumed.length === 2);
    expect(texts(resumed)).toEqual(['two', 'three']);
  });

  it('restarts other inode from start', async () => {
    writeFileSync(file, 'one\ntwo\n');
    const first = follow(null);
    await waitFor(() => first.length === 2);
    await source!.stop();

    rmSync(file);
    writeFileSync(file, 'new one\n');
    const resumed = follow(first[1]!.position);
    await waitFor(() => resumed.length === 1);
    expect(texts(resumed)).toEqual(['new one']);
  });

  it('follows rename rotation', async () => {
    writeFileSync(file, 'old 1\n');
    const lines = follow(null);
    await waitFor(() => lines.length === 1);

    appendFileSync(file, 'old 2\n');
    renameSync(file, `${file}.1`);
    writeFileSync(file, 'new 1\n');
    await waitFor(() => lines.length === 3);
    appendFileSync(file, 'new 2\n');
    await waitFor(() => lines.length === 4);
    expect(texts(lines)).toEqual(['old 1', 'old 2', 'new 1', 'new 2']);
  });

  it('rereads truncated file', async () => {
    writeFileSync(file, 'long line one\nlong line two\n');
    const lines = follow(null);
    await waitFor(() => lines.length === 2);

    truncateSync(file, 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    appendFileSync(file, 'after\n');
    await waitFor(() => lines.length === 3);
    expect(texts(lines)).toEqual(['long line one', 'long line two', 'after']);
  });

  it('rejects missing file', () => {
    let caught: unknown;
    try {
      new FileSource({ path: join(dir, 'absent.log'), clock: systemClock, logger: silentLogger() });
    } catch (err) {
      caught = err;
    }
    expect(isGapwatchError(caught, 'GW_AGENT_LOG_FILE_MISSING')).toBe(true);
  });
});
