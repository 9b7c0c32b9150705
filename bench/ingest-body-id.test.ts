import { describe, expect, it } from 'vitest';
import { benchPullId, writePullId } from './ingest-body-id.js';

describe('benchPullId', () => {
  it.each([
    { seed: 0, node: 0, seq: 0, position: 0 },
    { seed: 1, node: 0, seq: 1, position: 0 },
    { seed: 2 ** 31, node: 99_999, seq: 1_000_000, position: 4999 },
    { seed: 2 ** 32 - 1, node: 2 ** 32 - 1, seq: 2 ** 32 - 1, position: 2 ** 32 - 1 },
  ])('formats 32 hex for $seed/$node/$seq/$position', ({ seed, node, seq, position }) => {
    expect(benchPullId(seed, node, seq, position)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('repeats for same inputs', () => {
    expect(benchPullId(7, 12, 3, 4)).toBe(benchPullId(7, 12, 3, 4));
  });

  it.each([
    { name: 'seed', other: [8, 12, 3, 4] },
    { name: 'node', other: [7, 13, 3, 4] },
    { name: 'seq', other: [7, 12, 4, 4] },
    { name: 'position', other: [7, 12, 3, 5] },
  ] as const)('changes with $name', ({ other }) => {
    expect(benchPullId(...other)).not.toBe(benchPullId(7, 12, 3, 4));
  });

  it('changes half the bits per input bit', () => {
    // A good mix flips about 64 of the 128 output bits when one input bit flips.
    let flipped = 0;
    for (let position = 0; position < 256; position++) {
      const a = BigInt(`0x${benchPullId(1, 5, 9, position)}`);
      const b = BigInt(`0x${benchPullId(1, 5, 9, position ^ 1)}`);
      flipped += (a ^ b).toString(2).split('1').length - 1;
    }

    expect(flipped / 256).toBeGreaterThan(60);
    expect(flipped / 256).toBeLessThan(68);
  });

  it('stays distinct over a grid', () => {
    const ids = new Set<string>();
    for (let node = 0; node < 40; node++) {
      for (let seq = 1; seq <= 25; seq++) {
        for (let position = 0; position < 50; position++) {
          ids.add(benchPullId(1, node, seq, position));
        }
      }
    }

    expect(ids.size).toBe(40 * 25 * 50);
  });
});

describe('writePullId', () => {
  it('writes at offset only', () => {
    const bytes = Buffer.alloc(40, 0x2d);

    const end = writePullId(bytes, 4, 1, 2, 3, 4);

    expect(end).toBe(36);
    expect(bytes.toString('latin1')).toBe(`----${benchPullId(1, 2, 3, 4)}----`);
  });
});
