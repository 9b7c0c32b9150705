import type { AgentIdentity } from './identity.js';

/** The fields of a TokenReview status the collector reads (authentication.k8s.io/v1). */
export interface TokenReviewStatus {
  authenticated?: boolean;
  error?: string;
  audiences?: string[];
  user?: { username?: string; groups?: string[]; extra?: Record<string, string[]> };
}

/** Expected agent service account and audience. */
export interface ReviewExpectation {
  audience: string;
  namespace: string;
  serviceAccount: string;
}

/** Outcome of one review, decided before the report body is read. */
export type ReviewOutcome =
  | { kind: 'accepted'; identity: AgentIdentity }
  | { kind: 'invalid'; reason: string }
  | { kind: 'wrong-account'; account: string }
  | { kind: 'no-node'; account: string };

/** Key of the node name in `user.extra`, set for tokens bound to a pod since Kubernetes 1.30. */
export const NODE_NAME_EXTRA = 'authentication.kubernetes.io/node-name';
const POD_NAME_EXTRA = 'authentication.kubernetes.io/pod-name';
const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

/** Decides what a TokenReview status means for an agent report; pure, tested on literal statuses. */
export function interpretReview(status: TokenReviewStatus, expected: ReviewExpectation): ReviewOutcome {
  if (status.authenticated !== true) {
    return { kind: 'invalid', reason: status.error ? `not authenticated: ${status.error.slice(0, 200)}` : 'not authenticated' };
  }

  // An empty audience list means the token is valid for the API server itself, not for gapwatch.
  const audiences = status.audiences ?? [];
  if (!audiences.includes(expected.audience)) {
    return { kind: 'invalid', reason: `audience is not ${expected.audience}` };
  }

  const username = status.user?.username ?? '';
  const account = `${expected.namespace}:${expected.serviceAccount}`;
  if (username !== `${SERVICE_ACCOUNT_PREFIX}${account}`) {
    return { kind: 'wrong-account', account: username === '' ? '(no user name)' : username.slice(0, 300) };
  }

  const node = status.user?.extra?.[NODE_NAME_EXTRA]?.[0];
  if (node === undefined || node === '') {
    return { kind: 'no-node', account: username };
  }
  const pod = status.user?.extra?.[POD_NAME_EXTRA]?.[0];
  return {
    kind: 'accepted',
    identity: {
      kind: 'service-account',
      name: pod === undefined ? `${username} on ${node}` : `${username} pod ${pod} on ${node}`,
      nodes: [node],
      bucket: `node:${node}`,
    },
  };
}
