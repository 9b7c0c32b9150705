import { AuthenticationV1Api } from '@kubernetes/client-node';
import type { Clock } from '../../core/clock.js';
import { describeKubeError } from '../kube/api-errors.js';
import type { KubeSource } from '../kube/kube-source.js';
import { authError } from './errors.js';
import type { TokenReviewStatus } from './review-identity.js';

/** Sends one token to the TokenReview API and returns the review's status. */
export type TokenReviewer = (token: string, audience: string) => Promise<TokenReviewStatus>;

/**
 * Creates a reviewer that POSTs `authentication.k8s.io/v1` TokenReviews through client-node.
 * Failures become GW_AUTH_REVIEW_FAILED with the token cut out of the reason, because the
 * API server echoes `spec.token` in its response and client-node errors quote the body.
 */
export function kubeTokenReviewer(source: KubeSource, clock: Clock, timeoutMs: number): TokenReviewer {
  let api: AuthenticationV1Api | null = null;

  return async (token, audience) => {
    api ??= source.kubeConfig().makeApiClient(AuthenticationV1Api);
    const review = api.createTokenReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, audiences: [audience] } },
    });

    let timer: ReturnType<Clock['setTimeout']> | null = null;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = clock.setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const result = await Promise.race([review, timeout]);
      return (result.status ?? {}) as TokenReviewStatus;
    } catch (err) {
      const reason = describeKubeError(err).split(token).join('[redacted]');
      throw authError('GW_AUTH_REVIEW_FAILED', { source: source.description, reason });
    } finally {
      if (timer !== null) {
        clock.clearTimeout(timer);
      }
      review.catch(() => undefined);
    }
  };
}
