import { describe, expect, it } from 'vitest';
import { GroupCommit, type ItemResult } from './group-commit.js';

describe('group commit', () => {
  it('batches one event-loop turn', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number, number>((items) => {
      batches.push([...items]);
      return items.map((item) => ({ ok: true, value: item * 10 }));
    }, 100);

    const results = await Promise.all([commits.submit(1), commits.submit(2), commits.submit(3)]);

    expect(batches).toEqual([[1, 2, 3]]);
    expect(results).toEqual([10, 20, 30]);
  });

  it('settles only after commit', async () => {
    let committed = false;
    const commits = new GroupCommit<number, boolean>((items) => {
      committed = true;
      return items.map(() => ({ ok: true, value: committed }));
    }, 100);
    let settled = false;
    const pending = commits.submit(1).then((seenCommitted) => {
      settled = true;
      return seenCommitted;
    });

    expect(settled).toBe(false);
    expect(commits.pending).toBe(1);
    expect(await pending).toBe(true);
  });

  it('splits at the batch limit', async () => {
    const sizes: number[] = [];
    const commits = new GroupCommit<number, number>((items) => {
      sizes.push(items.length);
      return items.map((item) => ({ ok: true, value: item }));
    }, 2);

    await Promise.all([1, 2, 3, 4, 5].map((item) => commits.submit(item)));

    expect(sizes).toEqual([2, 2, 1]);
  });

  it('rejects batch on failed commit', async () => {
    const commits = new GroupCommit<number, number>(() => {
      throw new Error('disk I/O error');
    }, 100);

    const results = await Promise.allSettled([commits.submit(1), commits.submit(2)]);

    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('rejects only the failed item', async () => {
    const commits = new GroupCommit<number, number>((items) =>
      items.map((item): ItemResult<number> => (item === 2 ? { ok: false, error: new Error('bad item') } : { ok: true, value: item })),
    100);

    const results = await Promise.allSettled([commits.submit(1), commits.submit(2), commits.submit(3)]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('flushes queue on demand', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number, number>((items) => {
      batches.push([...items]);
      return items.map((item) => ({ ok: true, value: item }));
    }, 100);
    const pending = commits.submit(7);

    commits.flush();

    expect(batches).toEqual([[7]]);
    expect(await pending).toBe(7);
  });
});
