import { createHash } from 'node:crypto';

const ALGORITHMS: Record<string, string> = { sha256: 'sha256', sha512: 'sha512' };

/** Computes the digest of `body` with the algorithm `like` names (`sha256:...`); sha256 by default. */
export function computeDigest(body: Buffer, like?: string): string {
  const algorithm = ALGORITHMS[like?.split(':')[0] ?? 'sha256'] ?? 'sha256';
  return `${algorithm}:${createHash(algorithm).update(body).digest('hex')}`;
}

/** True for a digest this client can verify. */
export function isVerifiableDigest(text: string): boolean {
  return /^sha256:[a-f0-9]{64}$/.test(text) || /^sha512:[a-f0-9]{128}$/.test(text);
}
