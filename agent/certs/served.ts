import { X509Certificate } from 'node:crypto';
import { connect, type DetailedPeerCertificate } from 'node:tls';
import { systemClock, type Clock } from '../../core/clock.js';
import { certsError } from './errors.js';

export interface ServedChainTarget {
  /** Host name or IP address, without brackets. */
  host: string;
  port: number;
  /** CA certificates the node trusts for this mirror (from hosts.toml `ca`). */
  ca: Buffer[];
  timeoutMs: number;
}

/**
 * Connects to a mirror, completes the TLS handshake and returns the chain it serves, leaf
 * first. Verification is off on purpose: an expired or wrongly signed chain is exactly what
 * must be reported, and no request is sent over the connection.
 */
export function readServedChain(
  target: ServedChainTarget,
  clock: Clock = systemClock,
  signal?: AbortSignal,
): Promise<X509Certificate[]> {
  const label = `${target.host}:${target.port}`;
  return new Promise((resolve, reject) => {
    const isIp = /^[\d.]+$/.test(target.host) || target.host.includes(':');
    const socket = connect({
      host: target.host,
      port: target.port,
      ...(isIp ? {} : { servername: target.host }),
      ca: target.ca.length > 0 ? target.ca : undefined,
      rejectUnauthorized: false,
    });
    signal?.addEventListener('abort', () => socket.destroy(new Error('aborted')), { once: true });

    const timer = clock.setTimeout(() => {
      socket.destroy();
      reject(certsError('GW_CERTS_HANDSHAKE_TIMEOUT', { host: label, timeoutMs: target.timeoutMs }));
    }, target.timeoutMs);

    socket.once('secureConnect', () => {
      clock.clearTimeout(timer);
      const chain = chainOf(socket.getPeerCertificate(true));
      socket.end();
      resolve(chain);
    });
    socket.once('error', (err) => {
      clock.clearTimeout(timer);
      socket.destroy();
      reject(certsError('GW_CERTS_HANDSHAKE_FAILED', { host: label, reason: err }, err));
    });
  });
}

// getPeerCertificate(true) links each certificate to its issuer; a self-signed root links to itself.
function chainOf(leaf: DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}
