import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import { matchingIndex, tokenDigest } from './digest.js';
import type { AgentIdentity } from './identity.js';
import { TokenFile } from './token-file.js';

/** A shared token file and the nodes it is bound to (null: unbound). */
export interface SharedTokenSpec {
  file: string;
  nodes?: readonly string[] | undefined;
}

/** Shared agent tokens; each file is re-read when it changes. */
export class SharedTokens {
  private readonly entries: Array<{ token: TokenFile; nodes: readonly string[] | null }>;

  constructor(specs: readonly SharedTokenSpec[], clock: Clock, log: Logger) {
    this.entries = specs.map((spec) => ({ token: new TokenFile(spec.file, clock, log), nodes: spec.nodes ?? null }));
  }

  /** Current token digests, to check that other roles use different tokens. */
  digests(): Array<{ file: string; digest: Buffer | null }> {
    return this.entries.map((entry) => ({ file: entry.token.file, digest: entry.token.digest() }));
  }

  /** Identity of the matching token, or null. Unbound tokens get one rate-limit bucket per remote address. */
  match(token: string, remote: string): AgentIdentity | null {
    const index = matchingIndex(
      tokenDigest(token),
      this.entries.map((entry) => entry.token.digest()),
    );
    const entry = this.entries[index];
    if (entry === undefined) {
      return null;
    }
    const name = `shared token ${entry.token.file}`;
    const bucket = entry.nodes?.length === 1 ? `node:${entry.nodes[0]}` : `shared:${entry.token.file}:${remote}`;
    return { kind: 'shared-token', name, nodes: entry.nodes, bucket };
  }
}
