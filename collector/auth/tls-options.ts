import { readFileSync } from 'node:fs';
import type { TlsConfig } from './config.js';
import { authError } from './errors.js';

/** Options for node's https.createServer, built from the `tls` section. */
export interface HttpsOptions {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
  requestCert: boolean;
  rejectUnauthorized: boolean;
}

// TODO: reload renewed server certificates with server.setSecureContext; today a restart picks them up.
/**
 * Reads the certificate files once at startup. With a client CA the handshake requires and
 * verifies a client certificate, so an unverified client never reaches HTTP.
 */
export function httpsOptions(tls: TlsConfig): HttpsOptions {
  const options: HttpsOptions = {
    cert: readPem(tls.certFile, 'certFile'),
    key: readPem(tls.keyFile, 'keyFile'),
    requestCert: false,
    rejectUnauthorized: false,
  };
  if (tls.clientCaFile !== undefined) {
    options.ca = readPem(tls.clientCaFile, 'clientCaFile');
    options.requestCert = true;
    options.rejectUnauthorized = true;
  }
  return options;
}

function readPem(file: string, key: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw authError('GW_TLS_FILE', { file, key, reason: (err as Error).message }, err);
  }
}
