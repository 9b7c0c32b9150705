import { readFile } from 'node:fs/promises';
import type { CertificateError, CertificateRecord } from '../../wire/findings/certificates.js';
import { describeCertificate } from './describe.js';
import { certsError } from './errors.js';
import { parseCertificates } from './pem.js';

/** Reads every certificate of a PEM bundle or DER file; a failure becomes an error entry, never a throw. */
export async function readCertificateFile(path: string): Promise<{ records: CertificateRecord[]; error: CertificateError | null }> {
  try {
    const certificates = parseCertificates(await readFile(path));
    return { records: certificates.map((certificate, index) => describeCertificate(certificate, 'file', path, index)), error: null };
  } catch (err) {
    const failure = certsError('GW_CERTS_FILE_FAILED', { path, reason: err }, err);
    return { records: [], error: { source: 'file', pathOrHost: path, message: failure.message } };
  }
}
