import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import type { KubeConfig } from '../kube/config.js';
import { kubeSourceFromConfig } from '../kube/source-from-config.js';
import { AccessTokens } from './access-tokens.js';
import { AgentAuthenticator } from './agent-authenticator.js';
import type { AuthConfig, TlsConfig } from './config.js';
import { assertDistinctTokens } from './distinct-tokens.js';
import { authError } from './errors.js';
import { ReviewCache } from './review-cache.js';
import type { ReviewOutcome } from './review-identity.js';
import { SharedTokens, type SharedTokenSpec } from './shared-tokens.js';
import { kubeTokenReviewer, type TokenReviewer } from './token-review.js';
import { TokenBuckets } from './rate-limit.js';

/** Every credential check of the collector; a null member leaves its routes open. */
export interface CollectorAuth {
  agents: AgentAuthenticator | null;
  rateLimit: { buckets: TokenBuckets; perSecond: number } | null;
  verdict: AccessTokens | null;
  reader: AccessTokens | null;
}

export interface CollectorAuthInput {
  auth: AuthConfig | undefined;
  tls: TlsConfig | undefined;
  kube: KubeConfig | undefined;
  clock: Clock;
  log: Logger;
  /** Replaces the client-node reviewer, for tests that count calls; the fake API server is preferred. */
  reviewer?: TokenReviewer;
}

/** Reads every token file and builds the checks; unreadable files and shared tokens fail startup. */
export function createCollectorAuth(input: CollectorAuthInput): CollectorAuth {
  const { auth, tls, clock, log } = input;
  const mtls = tls?.clientCaFile !== undefined;

  const specs: SharedTokenSpec[] = [...(auth?.tokenFiles ?? []).map((file) => ({ file })), ...(auth?.sharedTokens ?? [])];
  const sharedTokens = specs.length > 0 ? new SharedTokens(specs, clock, log) : null;
  const review = auth?.tokenReview ? reviewMode(auth.tokenReview, input) : null;
  const certificates = mtls ? { bindNode: tls?.bindNodeToCertificate ?? true } : null;
  const agentsConfigured = sharedTokens !== null || review !== null || certificates !== null;

  const verdict = auth?.verdictTokenFiles ? new AccessTokens(auth.verdictTokenFiles, clock, log) : null;
  const reader = auth?.readerTokenFiles ? new AccessTokens(auth.readerTokenFiles, clock, log) : null;
  assertDistinctTokens([
    { role: 'agent', digests: sharedTokens?.digests() ?? [] },
    { role: 'verdict', digests: verdict?.digests() ?? [] },
    { role: 'reader', digests: reader?.digests() ?? [] },
  ]);

  if (specs.some((spec) => spec.nodes === undefined)) {
    log.warn('an agent token is not bound to nodes: any holder can report for any node; prefer auth.tokenReview or sharedTokens[].nodes');
  }
  if (agentsConfigured && verdict === null) {
    log.warn('agents must authenticate but POST /api/v1/verdicts is open; set auth.verdictTokenFiles');
  }

  const rate = auth?.rateLimit;
  return {
    agents: agentsConfigured ? new AgentAuthenticator({ sharedTokens, review, certificates }) : null,
    rateLimit: rate ? { buckets: new TokenBuckets(rate.reportsPerSecond, rate.burst, clock), perSecond: rate.reportsPerSecond } : null,
    verdict,
    reader,
  };
}

function reviewMode(settings: NonNullable<AuthConfig['tokenReview']>, input: CollectorAuthInput) {
  let reviewer = input.reviewer;
  if (reviewer === undefined) {
    if (input.kube === undefined) {
      throw authError('GW_AUTH_REVIEW_UNCONFIGURED');
    }
    reviewer = kubeTokenReviewer(kubeSourceFromConfig(input.kube), input.clock, settings.timeoutSeconds * 1000);
  }
  return {
    reviewer,
    expected: { audience: settings.audience, namespace: settings.namespace, serviceAccount: settings.serviceAccount },
    cache: new ReviewCache<ReviewOutcome>(settings.cacheSeconds * 1000, input.clock),
  };
}
