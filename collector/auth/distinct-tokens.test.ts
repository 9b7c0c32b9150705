import { describe, expect, it } from 'vitest';
import { tokenDigest } from './digest.js';
import { assertDistinctTokens } from './distinct-tokens.js';

describe('assertDistinctTokens', () => {
  it('rejects a verdict token reused by agents', () => {
    const roles = [
      { role: 'agent', digests: [{ file: '/run/agent', digest: tokenDigest('same') }] },
      { role: 'verdict', digests: [{ file: '/run/verdict', digest: tokenDigest('same') }] },
    ];

    expect(() => assertDistinctTokens(roles)).toThrow(/\/run\/verdict \(verdict\) contains the same token as \/run\/agent \(agent\)/);
  });

  it('accepts distinct tokens', () => {
    const roles = [
      { role: 'agent', digests: [{ file: '/run/agent', digest: tokenDigest('one') }] },
      { role: 'verdict', digests: [{ file: '/run/verdict', digest: tokenDigest('two') }] },
    ];

    expect(() => assertDistinctTokens(roles)).not.toThrow();
  });
});
