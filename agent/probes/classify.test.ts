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
    ['ECONNRESET', 'tls'],
    ['EPROTO', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['EPIPE', 'error'],
  ])('maps code %s to %s', (code, outcome) => {
    expect(classifyFailure(code, false)).toBe(outcome);
  });

  it.each([
    'error:0A00010B:SSL routines:ssl3_get_record:wrong version number',
    'error:0A0000C6:SSL routines:tls_get_more_records:packet length too long',
  ])('maps non-TLS answer %s to tls', (message) => {
    expect(classifyFailure(undefined, false, message)).toBe('tls');
  });

  it('maps missing code to error', () => {
    expect(classifyFailure(undefined, false)).toBe('error');
  });

  it('prefers timeout over abort code', () => {
    expect(classifyFailure('ABORT_ERR', true)).toBe('timeout');
  });
});
