import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isGapwatchError } from '../../core/errors.js';
import { FakeClock } from '../../core/fake-clock.js';
import { silentLogger } from '../../core/log.js';
import { WriteThread } from './write-thread.js';

// A writer thread that replies to its first request and then dies, as a native crash would end it.
const DYING_WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.once('message', (request) => {
  parentPort.postMessage({ type: 'prune', id: request.id, deleted: 0 });
  parentPort.once('message', () => process.exit(7));
});
`;

describe('store write thread', () => {
  let dir: string;
  let clock: FakeClock;
  let thread: WriteThread;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gapwatch-thread-'));
    const script = join(dir, 'dying-worker.mjs');
    writeFileSync(script, DYING_WORKER);
    clock = new FakeClock(Date.parse('2026-01-10T00:00:00Z'));
    thread = new WriteThread(join(dir, 'collector.db'), clock, silentLogger(), () => pathToFileURL(script));
  });

  afterEach(async () => {
    await thread.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects request when thread dies', async () => {
    await thread.request({ type: 'prune', cutoff: 0 });
    const error = await thread.request({ type: 'prune', cutoff: 0 }).catch((err: unknown) => err);

    expect(isGapwatchError(error, 'GW_STORE_WRITER_STOPPED')).toBe(true);
  });

  it('waits before starting again', async () => {
    await thread.request({ type: 'prune', cutoff: 0 });
    await thread.request({ type: 'prune', cutoff: 0 }).catch(() => undefined);
    const tooSoon = await thread.request({ type: 'prune', cutoff: 0 }).catch((err: unknown) => err);
    clock.advance(1000);
    const restarted = await thread.request({ type: 'prune', cutoff: 0 });

    expect(isGapwatchError(tooSoon, 'GW_STORE_WRITER_STOPPED')).toBe(true);
    expect(restarted).toMatchObject({ type: 'prune', deleted: 0 });
  });

  it('refuses requests after close', async () => {
    await thread.close();
    const error = await thread.request({ type: 'prune', cutoff: 0 }).catch((err: unknown) => err);

    expect(isGapwatchError(error, 'GW_STORE_WRITER_STOPPED')).toBe(true);
  });
});
