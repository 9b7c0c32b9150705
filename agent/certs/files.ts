import { readFile, stat } from 'node:fs/promises';
import type { CertificateError, CertificateRecord } from '../../wire/findings/certificates.js';
import { describeCertificate } from './describe.js';
import { certsError } from './errors.js';
import { parseCertificates } from './pem.js';

/** Reads every certificate of a PEM bundle or DER file; a failure becomes an error entry, never a throw. */
export async function readCertificateFile(path: string): Promise<{ records: CertificateRecord[]; error: CertificateError | null }> {
  try {
    const certificates = parseCertificates(await readRegularFile(path));
    return { records: certificates.map((certificate, index) => describeCertificate(certificate, 'file', path, index)), error: null };
  } catch (err) {
    const failure = certsError('GW_CERTS_FILE_FAILED', { path, reason: err }, err);
    return { records: [], error: { source: 'file', pathOrHost: path, message: failure.message } };
  }
}

/** A certificate bundle larger than this is not one; real bundles are a few hundred KiB at most. */
const MAX_CERTIFICATE_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Reads a regular file of bounded size. `ca = "/dev/zero"` would never end and a FIFO would block
 * a thread-pool thread forever, so anything else is refused before it is opened.
 */
export async function readRegularFile(path: string): Promise<Buffer> {
  const info = await stat(path);
  if (!info.isFile()) {
    throw new Error('not a regular file');
  }
  if (info.size > MAX_CERTIFICATE_FILE_BYTES) {
    throw new Error(`${info.size} bytes, larger than the ${MAX_CERTIFICATE_FILE_BYTES}-byte limit`);
  }
  return readFile(path);
}
