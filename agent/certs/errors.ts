import { defineErrors } from '../../core/errors.js';

export const certsError = defineErrors({
  GW_CERTS_FILE_FAILED: {
    message: 'cannot read certificates from {path}: {reason}',
    fix: 'check that the file exists, is readable by the agent and holds PEM or DER certificates',
  },
  GW_CERTS_HANDSHAKE_FAILED: {
    message: 'TLS handshake with mirror {host} failed: {reason}',
    fix: 'check that the mirror listens on that host and port and speaks TLS; the agent retries on its next run',
  },
  GW_CERTS_HANDSHAKE_TIMEOUT: {
    message: 'TLS handshake with mirror {host} timed out after {timeoutMs} ms',
    fix: 'check the route to the mirror, or raise certs.handshakeTimeoutMs',
  },
});
