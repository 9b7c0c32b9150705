import { defineErrors } from '../../core/errors.js';

/** Errors of collector authentication, authorization and TLS. */
export const authError = defineErrors({
  GW_AUTH_MISSING: {
    message: 'request to {route} carries no bearer token',
    fix: 'send Authorization: Bearer TOKEN with a token from one of the files configured for {route}',
  },
  GW_AUTH_INVALID: {
    message: 'request to {route} carries an unknown or expired bearer token',
    fix: 'send a token from one of the files configured for {route}; after a rotation, re-read the token file',
  },
  GW_AUTH_WRONG_NODE: {
    message: 'credential {identity} may not report for node {node}',
    fix: 'send each node\'s report with that node\'s own credential, or add {node} to the token\'s nodes in the collector auth config',
  },
  GW_AUTH_WRONG_ACCOUNT: {
    message: 'service account {account} is not the agent account {expected}',
    fix: 'run the agent DaemonSet as {expected}, or set auth.tokenReview.namespace and serviceAccount to the agent\'s account',
  },
  GW_AUTH_NODE_UNKNOWN: {
    message: 'service-account token of {account} is not bound to a pod on a node',
    fix: 'mount a projected service-account token (Kubernetes 1.30+ adds the node name), not a legacy Secret token',
  },
  GW_AUTH_REVIEW_FAILED: {
    message: 'TokenReview through {source} failed: {reason}',
    fix: 'check that the Kubernetes API is reachable and that the collector may create tokenreviews (ClusterRole system:auth-delegator)',
  },
  GW_AUTH_RATE_LIMITED: {
    message: 'agent {identity} sends reports faster than {rate} per second',
    fix: 'wait {retryAfter} seconds; raise auth.rateLimit in the collector config if the agent legitimately sends this fast',
  },
  GW_AUTH_TOKEN_REUSED: {
    message: 'token file {file} contains the same token as {other}',
    fix: 'give verdict, reader and agent credentials distinct tokens so one leaked token cannot act in every role',
  },
  GW_AUTH_REVIEW_UNCONFIGURED: {
    message: 'auth.tokenReview is set but the collector config has no kube section',
    fix: 'add a kube section (source: in-cluster in a cluster) or remove auth.tokenReview',
  },
  GW_TLS_FILE: {
    message: 'TLS file {file} ({key}) is unusable: {reason}',
    fix: 'point tls.{key} at a readable PEM file',
  },
});
