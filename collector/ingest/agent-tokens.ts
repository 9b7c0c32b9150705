import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { collectorError } from '../errors.js';

/** Checks `Authorization: Bearer TOKEN` headers against the configured agent tokens. */
export interface TokenCheck {
  accepts(authorization: string | undefined): boolean;
}

/** Reads the first line of each token file; an empty or unreadable file is a startup error. */
export function loadAgentTokens(files: readonly string[]): TokenCheck {
  const digests = files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw collectorError('GW_COLLECTOR_TOKEN_FILE', { file, reason: (err as Error).message }, err);
    }
    const token = (text.split('\n')[0] ?? '').trim();
    if (token === '') {
      throw collectorError('GW_COLLECTOR_TOKEN_FILE', { file, reason: 'the first line is empty' });
    }
    return sha256(token);
  });
  return tokenCheck(digests);
}

// timingSafeEqual needs equal-length buffers; comparing SHA-256 digests provides them without
// revealing the configured token's length, and every configured token is always compared.
function tokenCheck(digests: readonly Buffer[]): TokenCheck {
  return {
    accepts(authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match?.[1]) {
        return false;
      }
      const presented = sha256(match[1]);
      let accepted = false;
      for (const digest of digests) {
        accepted = timingSafeEqual(presented, digest) || accepted;
      }
      return accepted;
    },
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
