import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import { bearerToken } from './bearer.js';
import { matchingIndex, tokenDigest } from './digest.js';
import { TokenFile } from './token-file.js';

/** Result of checking a request against a role's tokens. */
export type AccessCheck = 'granted' | 'missing' | 'invalid';

/** The tokens of one non-agent role (verdict requests, readers); any one of them grants access. */
export class AccessTokens {
  private readonly files: TokenFile[];

  constructor(files: readonly string[], clock: Clock, log: Logger) {
    this.files = files.map((file) => new TokenFile(file, clock, log));
  }

  digests(): Array<{ file: string; digest: Buffer | null }> {
    return this.files.map((file) => ({ file: file.file, digest: file.digest() }));
  }

  check(authorization: string | undefined): AccessCheck {
    const token = bearerToken(authorization);
    if (token === null) {
      return 'missing';
    }
    const index = matchingIndex(
      tokenDigest(token),
      this.files.map((file) => file.digest()),
    );
    return index >= 0 ? 'granted' : 'invalid';
  }
}
