import { describe, expect, it } from 'vitest';
import { microsToMs, parseJournalLine } from './journal-record.js';

const cursor = 's=eb25;i=1;b=27b7;m=3e8;t=661d3fda65be1;x=6ae3';

describe('parseJournalLine', () => {
  it('reads string message', () => {
    const result = parseJournalLine(JSON.stringify({ __CURSOR: cursor, MESSAGE: 'msg="PullImage"', __REALTIME_TIMESTAMP: '1796412981795809' }));
    expect(result).toEqual({ ok: true, record: { cursor, message: 'msg="PullImage"', realtimeMs: 1796412981795 } });
  });

  it('decodes byte array message', () => {
    const result = parseJournalLine(JSON.stringify({ __CURSOR: cursor, MESSAGE: [98, 97, 100, 32, 255] }));
    expect(result).toMatchObject({ ok: true, record: { message: 'bad \uFFFD' } });
  });

  it('keeps missing timestamp null', () => {
    const result = parseJournalLine(JSON.stringify({ __CURSOR: cursor, MESSAGE: 'x' }));
    expect(result).toMatchObject({ ok: true, record: { realtimeMs: null } });
  });

  const rejected: Array<[string, string, string]> = [
    ['truncated JSON', '{"__CURSOR":"s=1","MESS', 'not JSON'],
    ['JSON array', '[1,2]', 'not a JSON object'],
    ['missing cursor', JSON.stringify({ MESSAGE: 'x' }), '__CURSOR'],
    ['null message', JSON.stringify({ __CURSOR: cursor, MESSAGE: null }), 'MESSAGE'],
    ['out-of-range bytes', JSON.stringify({ __CURSOR: cursor, MESSAGE: [1, 300] }), 'MESSAGE'],
  ];
  for (const [name, line, reason] of rejected) {
    it(`rejects ${name}`, () => {
      const result = parseJournalLine(line);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toContain(reason);
    });
  }
});

describe('microsToMs', () => {
  const cases: Array<[string | null, number | null]> = [
    ['1796412981795809', 1796412981795],
    ['999', 0],
    ['1000', 1],
    ['', null],
    ['12a4', null],
    ['-1000', null],
    [null, null],
  ];
  for (const [raw, expected] of cases) {
    it(`converts ${JSON.stringify(raw)}`, () => {
      expect(microsToMs(raw)).toBe(expected);
    });
  }
});
