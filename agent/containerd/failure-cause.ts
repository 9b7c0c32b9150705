import type { FailureCause } from '../../wire/pull.js';

// Checked in order, first match wins: transport failures before HTTP statuses, because an
// error text often wraps both ("failed to resolve reference ...: dial tcp ...: i/o timeout").
const RULES: ReadonlyArray<readonly [FailureCause, RegExp]> = [
  ['http_to_https', /server gave HTTP response to HTTPS client/i],
  ['dns', /no such host|lookup \S+ on \S+|server misbehaving|Temporary failure in name resolution/i],
  ['timeout', /handshake timeout|no progress in|i\/o timeout|deadline exceeded|DeadlineExceeded|Client\.Timeout|timed out/i],
  ['tls', /x509:|tls:|certificate/i],
  ['refused', /connection refused/i],
  ['unreachable', /no route to host|network is unreachable|host is unreachable/i],
  ['unauthorized', /\b40[13]\b|unauthorized|forbidden|pull access denied|insufficient_scope|authorization failed|denied:/i],
  ['not_found', /StatusNotFound|\b404\b|not found|NotFound|manifest unknown|name unknown/i],
  ['server_error', /\b5\d\d [A-Z]|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout/i],
  ['canceled', /context canceled|code = Canceled/i],
];

/** Sorts containerd's error text into the fixed set of failure causes; `other` when nothing fits. */
export function classifyFailure(errorText: string): FailureCause {
  // Long texts are cut first: every rule matches near the start or in a short tail.
  const text = errorText.length > 4096 ? errorText.slice(0, 2048) + errorText.slice(-2048) : errorText;
  for (const [cause, pattern] of RULES) {
    if (pattern.test(text)) {
      return cause;
    }
  }
  return 'other';
}
