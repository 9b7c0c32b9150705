import { describe, expect, it } from 'vitest';
import { interpretReview, type TokenReviewStatus } from './review-identity.js';

const expected = { audience: 'gapwatch', namespace: 'gapwatch', serviceAccount: 'gapwatch-agent' };
const agentUser = {
  username: 'system:serviceaccount:gapwatch:gapwatch-agent',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:gapwatch', 'system:authenticated'],
  extra: {
    'authentication.kubernetes.io/node-name': ['node-a'],
    'authentication.kubernetes.io/pod-name': ['gapwatch-agent-x7k2p'],
  },
};

const cases: Array<{ name: string; status: TokenReviewStatus; kind: string; nodes?: string[] }> = [
  { name: 'bound agent token', status: { authenticated: true, audiences: ['gapwatch'], user: agentUser }, kind: 'accepted', nodes: ['node-a'] },
  { name: 'unauthenticated token', status: { error: '[invalid bearer token]' }, kind: 'invalid' },
  { name: 'API server audience', status: { authenticated: true, audiences: [], user: agentUser }, kind: 'invalid' },
  { name: 'other audience', status: { authenticated: true, audiences: ['vault'], user: agentUser }, kind: 'invalid' },
  {
    name: 'other service account',
    status: { authenticated: true, audiences: ['gapwatch'], user: { ...agentUser, username: 'system:serviceaccount:default:default' } },
    kind: 'wrong-account',
  },
  {
    name: 'account name prefix',
    status: { authenticated: true, audiences: ['gapwatch'], user: { ...agentUser, username: 'system:serviceaccount:gapwatch:gapwatch-agent-evil' } },
    kind: 'wrong-account',
  },
  { name: 'token without node', status: { authenticated: true, audiences: ['gapwatch'], user: { ...agentUser, extra: {} } }, kind: 'no-node' },
];

describe('interpretReview', () => {
  it.each(cases)('classifies $name', ({ status, kind, nodes }) => {
    const outcome = interpretReview(status, expected);

    expect(outcome.kind).toBe(kind);
    if (nodes !== undefined && outcome.kind === 'accepted') {
      expect(outcome.identity.nodes).toEqual(nodes);
    }
  });
});
