import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate } from './www-authenticate.js';

describe('parseWwwAuthenticate', () => {
  const cases = [
    {
      name: 'bearer with scope',
      header: 'Bearer realm="https://auth.internal/token",service="registry.internal",scope="repository:team/app:pull"',
      expected: [{ scheme: 'bearer', params: { realm: 'https://auth.internal/token', service: 'registry.internal', scope: 'repository:team/app:pull' } }],
    },
    {
      name: 'basic realm',
      header: 'Basic realm="gapwatch-lab"',
      expected: [{ scheme: 'basic', params: { realm: 'gapwatch-lab' } }],
    },
    {
      name: 'comma inside quotes',
      header: 'Bearer realm="https://a/token",scope="repository:x:pull,push"',
      expected: [{ scheme: 'bearer', params: { realm: 'https://a/token', scope: 'repository:x:pull,push' } }],
    },
    {
      name: 'two challenges',
      header: 'Basic realm="r1", Bearer realm="https://t/token", service=svc',
      expected: [
        { scheme: 'basic', params: { realm: 'r1' } },
        { scheme: 'bearer', params: { realm: 'https://t/token', service: 'svc' } },
      ],
    },
    {
      name: 'escaped quote',
      header: 'Basic realm="say \\"hi\\""',
      expected: [{ scheme: 'basic', params: { realm: 'say "hi"' } }],
    },
    {
      name: 'mixed case names',
      header: 'BEARER Realm="https://t/token"',
      expected: [{ scheme: 'bearer', params: { realm: 'https://t/token' } }],
    },
    { name: 'empty header', header: '', expected: [] },
    { name: 'scheme without params', header: 'Negotiate', expected: [{ scheme: 'negotiate', params: {} }] },
  ];

  it.each(cases)('parses $name', ({ header, expected }) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });

  it('unterminated quote keeps value', () => {
    expect(parseWwwAuthenticate('Bearer realm="https://t/tok')).toEqual([{ scheme: 'bearer', params: { realm: 'https://t/tok' } }]);
  });
});
