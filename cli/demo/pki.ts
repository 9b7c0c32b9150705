import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoError } from './errors.js';

export interface DemoPki {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

/**
 * Makes the demo's mirror CA and server certificate with openssl. Both expire soon on purpose
 * (CA in 20 days, server certificate in 5), so the certificate checks and alerts have
 * something to report.
 */
export function createDemoPki(directory: string): DemoPki {
  mkdirSync(directory, { recursive: true });
  const file = (name: string) => join(directory, name);
  const openssl = (args: string[]) => {
    try {
      execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (err) {
      throw demoError('GW_DEMO_OPENSSL_MISSING', { reason: (err as Error).message.split('\n')[0] }, err);
    }
  };

  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '20', '-subj', '/CN=gapwatch demo mirror CA',
    '-keyout', file('ca.key'), '-out', file('ca.crt')]);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=mirror.demo.internal',
    '-keyout', file('server.key'), '-out', file('server.csr')]);
  writeFileSync(file('server.ext'), 'subjectAltName=DNS:mirror.demo.internal,IP:127.0.0.1\n');
  openssl(['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-days', '5', '-extfile', file('server.ext'), '-out', file('server.crt')]);

  return { caCert: file('ca.crt'), serverCert: file('server.crt'), serverKey: file('server.key') };
}
