import { describe, expect, it } from 'vitest';
import { classifyFailure, PROXY_TUNNEL_REJECTED } from './classify.js';

describe('classifyFailure', () => {
  it.each([
    ['ENOTFOUND', 'nxdomain'],
    ['EAI_AGAIN', 'nxdomain'],
    ['ECONNREFUSED', 'refused'],
    ['ETIMEDOUT', 'timeout'],
    ['EHOSTUNREACH', 'unreachable'],
    ['ENETUNREACH', 'unreachable'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    [PROXY_TUNNEL_REJECTED, 'denied'],
    ['ECONNRESET', 'error'],
    ['EPROTO', 'error'],
  ])('maps code %s to %s', (code, outcome) => {
    expect(classifyFailure(code, false)).toBe(outcome);
  });

  it('maps missing code to error', () => {
    expect(classifyFailure(undefined, false)).toBe('error');
  });

  it('prefers timeout over abort code', () => {
    expect(classifyFailure('ABORT_ERR', true)).toBe('timeout');
  });
});
