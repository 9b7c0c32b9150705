import type { GapwatchError } from '../../core/errors.js';
import { isGapwatchError } from '../../core/errors.js';
import { bearerChallenge, bearerToken } from './bearer.js';
import { certificateIdentity, type PeerCertificateNames } from './client-certificate.js';
import { tokenDigest } from './digest.js';
import { authError } from './errors.js';
import type { AgentIdentity } from './identity.js';
import type { ReviewCache } from './review-cache.js';
import { interpretReview, type ReviewExpectation, type ReviewOutcome } from './review-identity.js';
import type { SharedTokens } from './shared-tokens.js';
import type { TokenReviewer } from './token-review.js';

const ROUTE = 'POST /api/v1/reports';

/** Credentials of one ingest request, gathered by the HTTP layer. */
export interface AgentCredentials {
  authorization: string | undefined;
  /** The verified client certificate under mTLS, else null. */
  certificate: PeerCertificateNames | null;
  remote: string;
}

/** Reason label of a rejection, for the log and the rejection counter. */
export type AuthRejectReason = 'missing' | 'invalid' | 'wrong_account' | 'node_unknown' | 'wrong_node' | 'review_failed' | 'rate_limited';

export type AgentAuthResult =
  | { kind: 'accepted'; identities: AgentIdentity[] }
  | { kind: 'rejected'; status: 401 | 403 | 503; reason: AuthRejectReason; error: GapwatchError; challenge: string | null };

/** The agent credential modes configured for ingest; absent ones are null. */
export interface AgentAuthModes {
  sharedTokens: SharedTokens | null;
  review: { reviewer: TokenReviewer; expected: ReviewExpectation; cache: ReviewCache<ReviewOutcome> } | null;
  /** Set under mTLS: whether a client certificate binds the node. */
  certificates: { bindNode: boolean } | null;
}

/**
 * Authenticates an agent before its report body is read. Every credential presented must be
 * valid: a client certificate and a bearer token each add an identity, and the report's node
 * must later be allowed by all of them. A bearer token is tried against the shared tokens
 * first, then with TokenReview.
 */
export class AgentAuthenticator {
  constructor(private readonly modes: AgentAuthModes) {}

  async authenticate(credentials: AgentCredentials): Promise<AgentAuthResult> {
    const identities: AgentIdentity[] = [];

    if (this.modes.certificates && credentials.certificate) {
      const identity = certificateIdentity(credentials.certificate, this.modes.certificates.bindNode);
      if (identity) {
        identities.push(identity);
      }
    }

    const token = bearerToken(credentials.authorization);
    if (token === null) {
      return identities.length > 0 ? { kind: 'accepted', identities } : unauthorized('missing', false);
    }

    const shared = this.modes.sharedTokens?.match(token, credentials.remote) ?? null;
    if (shared) {
      identities.push(shared);
      return { kind: 'accepted', identities };
    }
    if (!this.modes.review) {
      return unauthorized('invalid', true);
    }

    let outcome: ReviewOutcome;
    try {
      outcome = await this.review(token);
    } catch (err) {
      // The reason goes to the log through the rejection, so the token is cut out of it first.
      const reason = String((err as Error)?.message ?? err).split(token).join('[redacted]');
      const error = isGapwatchError(err) ? err : authError('GW_AUTH_REVIEW_FAILED', { source: 'Kubernetes API', reason });
      return { kind: 'rejected', status: 503, reason: 'review_failed', error, challenge: null };
    }

    const expected = `${this.modes.review.expected.namespace}/${this.modes.review.expected.serviceAccount}`;
    switch (outcome.kind) {
      case 'accepted':
        identities.push(outcome.identity);
        return { kind: 'accepted', identities };
      case 'invalid':
        return unauthorized('invalid', true);
      case 'wrong-account':
        return forbidden('wrong_account', authError('GW_AUTH_WRONG_ACCOUNT', { account: outcome.account, expected }));
      case 'no-node':
        return forbidden('node_unknown', authError('GW_AUTH_NODE_UNKNOWN', { account: outcome.account }));
    }
  }

  private async review(token: string): Promise<ReviewOutcome> {
    const review = this.modes.review!;
    const key = tokenDigest(token).toString('hex');
    const cached = review.cache.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const status = await review.reviewer(token, review.expected.audience);
    const outcome = interpretReview(status, review.expected);
    review.cache.set(key, outcome);
    return outcome;
  }
}

function unauthorized(reason: 'missing' | 'invalid', tokenSent: boolean): AgentAuthResult {
  const error = authError(reason === 'missing' ? 'GW_AUTH_MISSING' : 'GW_AUTH_INVALID', { route: ROUTE });
  return { kind: 'rejected', status: 401, reason, error, challenge: bearerChallenge(tokenSent) };
}

function forbidden(reason: AuthRejectReason, error: GapwatchError): AgentAuthResult {
  return { kind: 'rejected', status: 403, reason, error, challenge: null };
}
