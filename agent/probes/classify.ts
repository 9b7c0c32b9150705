import type { ProbeOutcome } from './outcome.js';

// OpenSSL verification codes Node puts on `err.code` when a peer's certificate does not verify.
const TLS_VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

// A peer accepted the TCP connection and then sent bytes that are not TLS (a plain-HTTP
// listener) or dropped the connection mid-handshake. Something responded, so the path is open.
const NON_TLS_ANSWER_CODES = new Set(['EPROTO', 'ECONNRESET', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);
const NON_TLS_ANSWER_MESSAGES = /wrong version number|packet length too long|socket disconnected before secure TLS/i;

/** Error code a prober sets when the proxy responds to CONNECT with a non-2xx status. */
export const PROXY_TUNNEL_REJECTED = 'GW_PROXY_TUNNEL_REJECTED';

const CODE_OUTCOMES: Readonly<Record<string, ProbeOutcome>> = {
  ENOTFOUND: 'nxdomain',
  EAI_AGAIN: 'nxdomain',
  EAI_NONAME: 'nxdomain',
  EAI_NODATA: 'nxdomain',
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  [PROXY_TUNNEL_REJECTED]: 'denied',
};

/**
 * Maps a failed probe's error code and message to an outcome. `timedOut` wins because aborts
 * hide the cause. A TLS failure after connect counts as `tls`, because a peer responded.
 */
export function classifyFailure(code: string | undefined, timedOut: boolean, message = ''): ProbeOutcome {
  if (timedOut) {
    return 'timeout';
  }
  if (NON_TLS_ANSWER_MESSAGES.test(message)) {
    return 'tls';
  }
  if (code === undefined) {
    return 'error';
  }
  if (TLS_VERIFY_CODES.has(code) || NON_TLS_ANSWER_CODES.has(code)) {
    return 'tls';
  }
  return CODE_OUTCOMES[code] ?? 'error';
}
