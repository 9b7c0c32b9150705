import { describe, expect, it } from 'vitest';
import { GroupCommit, type ItemResult } from './group-commit.js';

/** A commit function that records each batch and resolves every item to `item * 10`. */
function recordingCommit(batches: number[][]) {
  return async (items: readonly number[]): Promise<ItemResult<number>[]> => {
    batches.push([...items]);
    return items.map((item) => ({ ok: true, value: item * 10 }));
  };
}

describe('group commit', () => {
  it('batches one event-loop turn', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit(recordingCommit(batches), 100);

    const results = await Promise.all([commits.submit(1), commits.submit(2), commits.submit(3)]);

    expect(batches).toEqual([[1, 2, 3]]);
    expect(results).toEqual([10, 20, 30]);
  });

  it('settles only after commit', async () => {
    let release = () => {};
    const committing = new Promise<void>((resolve) => {
      release = resolve;
    });
    const commits = new GroupCommit<number, number>(async (items) => {
      await committing;
      return items.map((item) => ({ ok: true, value: item }));
    }, 100);
    let settled = false;
    const pending = commits.submit(1).then((value) => {
      settled = true;
      return value;
    });
    await new Promise((resolve) => setImmediate(resolve));

    expect(settled).toBe(false);
    release();
    expect(await pending).toBe(1);
  });

  it('queues behind a running commit', async () => {
    const batches: number[][] = [];
    let release = () => {};
    const firstCommit = new Promise<void>((resolve) => {
      release = resolve;
    });
    const commits = new GroupCommit<number, number>(async (items) => {
      batches.push([...items]);
      if (batches.length === 1) {
        await firstCommit;
      }
      return items.map((item) => ({ ok: true, value: item }));
    }, 100);
    const first = commits.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [commits.submit(2), commits.submit(3)];
    await new Promise((resolve) => setImmediate(resolve));

    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('splits at the batch limit', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit(recordingCommit(batches), 2);

    await Promise.all([1, 2, 3, 4, 5].map((item) => commits.submit(item)));

    expect(batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
  });

  it('rejects batch on failed commit', async () => {
    const commits = new GroupCommit<number, number>(async () => {
      throw new Error('disk I/O error');
    }, 100);

    const results = await Promise.allSettled([commits.submit(1), commits.submit(2)]);

    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('rejects only the failed item', async () => {
    const commits = new GroupCommit<number, number>(async (items) =>
      items.map((item): ItemResult<number> => (item === 2 ? { ok: false, error: new Error('bad item') } : { ok: true, value: item })),
    100);

    const results = await Promise.allSettled([commits.submit(1), commits.submit(2), commits.submit(3)]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('drains the queue on demand', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit(recordingCommit(batches), 100);
    const pending = commits.submit(7);

    await commits.drain();

    expect(batches).toEqual([[7]]);
    expect(await pending).toBe(70);
  });
});
