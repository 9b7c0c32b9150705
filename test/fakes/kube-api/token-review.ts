import { randomUUID } from 'node:crypto';

/** Identity and audiences the fake API server stores for one token. */
export interface FakeToken {
  /** Audiences the token was issued for; the review returns their intersection with spec.audiences. */
  audiences: string[];
  user: { username: string; uid: string; groups: string[]; extra?: Record<string, string[]> };
}

/** Builds the identity kube-apiserver 1.30+ reports for a projected service-account token bound to a pod on a node. */
export function serviceAccountToken(options: { namespace: string; name: string; pod?: string; node?: string; audiences?: string[] }): FakeToken {
  const extra: Record<string, string[]> = {};
  if (options.pod !== undefined) {
    extra['authentication.kubernetes.io/pod-name'] = [options.pod];
    extra['authentication.kubernetes.io/pod-uid'] = [randomUUID()];
  }
  if (options.node !== undefined) {
    extra['authentication.kubernetes.io/node-name'] = [options.node];
    extra['authentication.kubernetes.io/node-uid'] = [randomUUID()];
  }
  extra['authentication.kubernetes.io/credential-id'] = [`JTI=${randomUUID()}`];
  return {
    audiences: options.audiences ?? ['gapwatch'],
    user: {
      username: `system:serviceaccount:${options.namespace}:${options.name}`,
      uid: randomUUID(),
      groups: ['system:serviceaccounts', `system:serviceaccounts:${options.namespace}`, 'system:authenticated'],
      extra,
    },
  };
}

/**
 * Reviews a TokenReview body the way kube-apiserver does. It returns 201 with the spec echoed
 * (token included) and a status that is authenticated only for a known token whose audiences
 * intersect the requested ones.
 */
export function reviewToken(tokens: ReadonlyMap<string, FakeToken>, body: unknown): { status: number; body: Record<string, unknown> } {
  const spec = ((body as { spec?: unknown } | null)?.spec ?? {}) as { token?: unknown; audiences?: unknown };
  const token = typeof spec.token === 'string' ? spec.token : '';
  const requested = Array.isArray(spec.audiences) ? spec.audiences.filter((value): value is string => typeof value === 'string') : [];
  const known = tokens.get(token);

  let status: Record<string, unknown>;
  if (known === undefined) {
    status = { user: {}, error: '[invalid bearer token, service account token has been invalidated]' };
  } else {
    const audiences = requested.length === 0 ? known.audiences : known.audiences.filter((audience) => requested.includes(audience));
    status = audiences.length === 0
      ? { user: {}, error: '[invalid bearer token, token audiences ["' + known.audiences.join('","') + '"] is invalid for the target audiences ["' + requested.join('","') + '"]]' }
      : { authenticated: true, user: known.user, audiences };
  }
  return {
    status: 201,
    body: { kind: 'TokenReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status },
  };
}
