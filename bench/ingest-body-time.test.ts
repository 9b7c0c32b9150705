import { describe, expect, it } from 'vitest';
import { ISO_TIME_LENGTH, IsoTimeWriter } from './ingest-body-time.js';

const TIMES = [
  { name: 'bench start', ms: Date.UTC(2026, 0, 5) },
  { name: 'before midnight', ms: Date.UTC(2026, 0, 4, 23, 59, 59, 999) },
  { name: 'afternoon', ms: Date.UTC(2026, 0, 5, 13, 7, 45, 62) },
  { name: 'leap day', ms: Date.UTC(2024, 1, 29, 12, 0, 0, 5) },
  { name: 'epoch', ms: 0 },
  { name: 'before epoch', ms: Date.UTC(1969, 11, 31, 23, 59, 58, 250) },
  { name: 'year 9999 end', ms: Date.UTC(9999, 11, 31, 23, 59, 59, 999) },
];

describe('IsoTimeWriter', () => {
  it.each(TIMES)('matches toISOString at $name', ({ ms }) => {
    expect(new IsoTimeWriter().format(ms)).toBe(new Date(ms).toISOString());
  });

  it('matches toISOString across days', () => {
    // One writer over alternating days exercises the two cached date prefixes and their reuse.
    const writer = new IsoTimeWriter();
    const start = Date.UTC(2026, 0, 4, 23, 58);
    for (let step = 0; step < 2000; step++) {
      const ms = start + ((step * 7919) % 300_000) + (step % 3) * 86_400_000;
      expect(writer.format(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('writes 24 bytes at offset', () => {
    const bytes = Buffer.alloc(30, 0x2d);

    const end = new IsoTimeWriter().write(bytes, 3, Date.UTC(2026, 0, 5, 1, 2, 3, 4));

    expect(end).toBe(3 + ISO_TIME_LENGTH);
    expect(bytes.toString('latin1')).toBe('---2026-01-05T01:02:03.004Z---');
  });
});
