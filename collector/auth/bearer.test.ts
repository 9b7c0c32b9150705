import { describe, expect, it } from 'vitest';
import { bearerToken } from './bearer.js';

const cases: Array<[string | undefined, string | null]> = [
  ['Bearer abc.def', 'abc.def'],
  ['bearer abc', 'abc'],
  ['Bearer  abc  ', 'abc'],
  ['Basic dXNlcjpwYXNz', null],
  ['Bearer', null],
  ['Bearer a b', null],
  [undefined, null],
];

describe('bearerToken', () => {
  it.each(cases)('parses %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
