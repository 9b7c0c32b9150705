import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { probeError } from './errors.js';

/**
 * Returns Node's bundled root CAs plus the PEM files given, because a `ca` option replaces the
 * default trust store instead of adding to it. Throws GW_PROBE_CA_UNREADABLE.
 */
export function loadTrustedCas(files: readonly string[]): string[] {
  const extra = files.map((file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      throw probeError('GW_PROBE_CA_UNREADABLE', { file, reason: (err as Error).message }, err);
    }
  });
  return [...rootCertificates, ...extra];
}
