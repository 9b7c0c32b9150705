import { describe, expect, it } from 'vitest';
import { formatLogTime, parseLogTime } from './log-time.js';

describe('parseLogTime', () => {
  const VALID = [
    ['2026-12-04T19:12:26.903329521Z', '2026-12-04T19:12:26.903329521Z'],
    ['2024-07-17T11:00:37.480526638+08:00', '2024-07-17T03:00:37.480526638Z'],
    ['2025-01-25 19:34:57', '2025-01-25T19:34:57.000000000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000000000Z'],
    ['0099-06-30T12:00:00Z', '0099-06-30T12:00:00.000000000Z'],
    ['9999-12-31T23:59:59.999999999Z', '9999-12-31T23:59:59.999999999Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000000000Z'],
  ] as const;

  it.each(VALID)('reads %s', (text, expected) => {
    const time = parseLogTime(text);
    expect(time && formatLogTime(time)).toBe(expected);
  });

  const INVALID = ['2026-02-31T00:00:00Z', '2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z', 'yesterday'];

  it.each(INVALID)('rejects %s', (text) => {
    expect(parseLogTime(text)).toBeNull();
  });
});
