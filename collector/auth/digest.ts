import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 of a token; cache keys and comparisons use it so the token itself is never kept twice. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Compares a presented digest with every candidate in constant time. Equal-length digests
 * satisfy timingSafeEqual and hide the configured tokens' lengths, and every candidate is
 * compared so the time does not reveal which one matched.
 */
export function matchingIndex(presented: Buffer, candidates: readonly (Buffer | null)[]): number {
  let found = -1;
  candidates.forEach((candidate, index) => {
    const equal = candidate !== null && timingSafeEqual(presented, candidate);
    if (equal && found === -1) {
      found = index;
    }
  });
  return found;
}
