import type { GapwatchError } from '../../core/errors.js';
import { registryError } from './errors.js';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

// Node's TLS layer reports OpenSSL verify errors by name, without a common prefix.
const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

/** Maps an error thrown by undici for `url` to the matching coded registry error. */
export function classifyTransportError(err: unknown, url: string, timeoutMs: number): GapwatchError {
  const code = findCode(err);
  const reason = describe(err);

  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return registryError('GW_REGISTRY_TIMEOUT', { url, timeoutMs }, err);
  }
  if (code !== undefined && (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_'))) {
    return registryError('GW_REGISTRY_TLS', { url, reason }, err);
  }
  return registryError('GW_REGISTRY_UNREACHABLE', { url, reason }, err);
}

// undici sometimes wraps the socket error in `cause`; the innermost code is the precise one.
function findCode(err: unknown): string | undefined {
  let found: string | undefined;
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      found = code;
    }
    current = current.cause;
  }
  return found;
}

function describe(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    const text = typeof code === 'string' && !current.message.includes(code) ? `${code} ${current.message}` : current.message;
    if (text && !parts.includes(text)) {
      parts.push(text);
    }
    current = current.cause;
  }
  return parts.join(': ') || String(err);
}
