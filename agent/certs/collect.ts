import type { Clock } from '../../core/clock.js';
import { MAX_CERTIFICATES, type CertificatesSection } from '../../wire/findings/certificates.js';
import { loadHostsFiles } from '../lint/load.js';
import { rootedResolver } from '../lint/paths.js';
import { describeCertificate } from './describe.js';
import { readCertificateFile, readRegularFile } from './files.js';
import { readServedChain } from './served.js';
import { certificateTargets } from './targets.js';

export interface CertsCollectOptions {
  certsDir: string;
  extraPaths: readonly string[];
  servedChains: boolean;
  handshakeTimeoutMs: number;
  /** Prefix for absolute paths written in hosts.toml; '/' on a node. */
  root: string;
}

/** Reads every referenced certificate file and served mirror chain into one section; failures become `errors` entries. */
export async function collectCertificates(
  options: CertsCollectOptions,
  clock: Clock,
  signal?: AbortSignal,
): Promise<CertificatesSection> {
  const section: CertificatesSection = { certificates: [], errors: [] };
  const { hostsFiles } = await loadHostsFiles(options.certsDir);
  const targets = certificateTargets(hostsFiles, rootedResolver(options.root));

  for (const path of new Set([...targets.files, ...options.extraPaths])) {
    const { records, error } = await readCertificateFile(path);
    section.certificates.push(...records);
    if (error) {
      section.errors.push(error);
    }
  }

  if (options.servedChains) {
    for (const mirror of targets.mirrors) {
      const ca = await Promise.all(mirror.caFiles.map((file) => readRegularFile(file).catch(() => null)));
      try {
        const chain = await readServedChain(
          { host: mirror.host, port: mirror.port, ca: ca.filter((buffer) => buffer !== null), timeoutMs: options.handshakeTimeoutMs },
          clock,
          signal,
        );
        section.certificates.push(...chain.map((certificate, index) => describeCertificate(certificate, 'served', mirror.label, index)));
      } catch (err) {
        section.errors.push({ source: 'served', pathOrHost: mirror.label, message: (err as Error).message.slice(0, 2048) });
      }
    }
  }

  // NOTE: beyond the wire bound the oldest-listed entries are kept and the rest dropped.
  section.certificates = section.certificates.slice(0, MAX_CERTIFICATES);
  section.errors = section.errors.slice(0, MAX_CERTIFICATES);
  return section;
}
