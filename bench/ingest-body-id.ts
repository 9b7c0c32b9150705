/**
 * Writes the bench's pull record id: 32 lowercase hex digits that look uniformly random, like
 * the agent's sha256-based ids, so they land on random pages of the collector's id index.
 *
 * The four inputs fill a 128-bit state that a bijective mix scrambles. Distinct inputs therefore
 * always give distinct ids, with no collision check and for less CPU than a sha256 per record.
 * Every input must be an integer in [0, 2^32). Returns the offset after the id.
 */
export function writePullId(target: Uint8Array, offset: number, seed: number, nodeIndex: number, seq: number, position: number): number {
  // The constants (ChaCha's "expand 32-byte k") keep all-zero inputs off the all-zero id.
  let a = fmix32(seed ^ 0x61707865);
  let b = fmix32(nodeIndex ^ 0x3320646e);
  let c = fmix32(seq ^ 0x79622d32);
  let d = fmix32(position ^ 0x6b206574);

  // Two ChaCha quarter rounds, each followed by a finalizer. Each step (add, xor, rotate, odd
  // multiply, xor-shift) is invertible, so the whole mix is a permutation of 128 bits.
  for (let round = 0; round < 2; round++) {
    a = (a + b) | 0;
    d = rotateLeft(d ^ a, 16);
    c = (c + d) | 0;
    b = rotateLeft(b ^ c, 12);
    a = (a + b) | 0;
    d = rotateLeft(d ^ a, 8);
    c = (c + d) | 0;
    b = rotateLeft(b ^ c, 7);

    a = fmix32(a);
    b = fmix32(b);
    c = fmix32(c);
    d = fmix32(d);
  }

  writeHexWord(target, offset, a);
  writeHexWord(target, offset + 8, b);
  writeHexWord(target, offset + 16, c);
  writeHexWord(target, offset + 24, d);
  return offset + 32;
}

/** Returns the id that writePullId writes, as a string. */
export function benchPullId(seed: number, nodeIndex: number, seq: number, position: number): string {
  const bytes = Buffer.alloc(32);
  writePullId(bytes, 0, seed, nodeIndex, seq, position);
  return bytes.toString('latin1');
}

/** MurmurHash3's 32-bit finalizer, a bijection on 32-bit words that spreads low bits upward. */
function fmix32(word: number): number {
  let h = word | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function rotateLeft(word: number, bits: number): number {
  return (word << bits) | (word >>> (32 - bits));
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

function writeHexWord(target: Uint8Array, offset: number, word: number): void {
  for (let digit = 0; digit < 8; digit++) {
    target[offset + digit] = HEX_DIGITS[(word >>> (28 - 4 * digit)) & 0xf] as number;
  }
}
