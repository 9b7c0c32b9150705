import { describe, expect, it } from 'vitest';
import { PullRecordSchema, type PullRecord } from '../wire/pull.js';
import { strictValidatorCompiler } from '../collector/ingest/strict-validator.js';
import { pullFragmentPool } from './ingest-body-pool.js';
import { imageCatalog } from './ingest-workload.js';

/** Parses a fragment's fields with placeholder id and times. */
function fragmentRecord(rest: Buffer): PullRecord {
  return JSON.parse(`{"id":"${'0'.repeat(32)}","startedAt":null,"endedAt":null,${rest.toString()}`) as PullRecord;
}

describe('pullFragmentPool', () => {
  it.each([
    { images: 1, size: 4096 },
    { images: 200, size: 4200 },
    { images: 5000, size: 5000 },
  ])('sizes pool for $images images', ({ images, size }) => {
    expect(pullFragmentPool(1, imageCatalog(images))).toHaveLength(size);
  });

  it('gives every image equal share', () => {
    const records = pullFragmentPool(1, imageCatalog(200)).map((fragment) => fragmentRecord(fragment.rest));
    const counts = new Map<string, number>();
    for (const record of records) {
      counts.set(record.image, (counts.get(record.image) ?? 0) + 1);
    }

    expect(counts.size).toBe(200);
    expect(new Set(counts.values())).toEqual(new Set([21]));
  });

  it('keeps outcome mix near target', () => {
    const records = pullFragmentPool(1, imageCatalog(200)).map((fragment) => fragmentRecord(fragment.rest));
    const share = (match: (record: PullRecord) => boolean) => records.filter(match).length / records.length;

    expect(share((record) => record.servedBy === 'mirror')).toBeCloseTo(0.92, 1);
    expect(share((record) => record.servedBy === 'upstream')).toBeCloseTo(0.03, 1);
    expect(share((record) => record.outcome === 'failure')).toBeCloseTo(0.03, 1);
    expect(share((record) => record.outcome === 'abandoned')).toBeCloseTo(0.02, 1);
  });

  it('validates fragments as records', () => {
    const compile = strictValidatorCompiler();
    const validate = compile({ schema: PullRecordSchema, method: 'POST', url: '/', httpPart: 'body' }) as unknown as ((body: unknown) => boolean) & { errors?: unknown };

    for (const fragment of pullFragmentPool(3, imageCatalog(50))) {
      const record = fragmentRecord(fragment.rest);
      expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('repeats pool for same seed', () => {
    const text = (seed: number) => pullFragmentPool(seed, imageCatalog(20)).map((fragment) => `${fragment.endOffsetMs} ${fragment.durationMs} ${fragment.rest.toString()}`);

    expect(text(9)).toEqual(text(9));
  });

  it('rejects empty catalog', () => {
    expect(() => pullFragmentPool(1, [])).toThrow(RangeError);
  });
});
