import type { X509Certificate } from 'node:crypto';
import type { CertificateRecord } from '../../wire/findings/certificates.js';

/** Converts a parsed certificate to its wire record; dates become RFC 3339. */
export function describeCertificate(
  certificate: X509Certificate,
  source: CertificateRecord['source'],
  pathOrHost: string,
  index: number,
): CertificateRecord {
  return {
    source,
    pathOrHost,
    index,
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    serial: certificate.serialNumber,
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
    fingerprint: certificate.fingerprint256,
  };
}

// Node prints distinguished names one attribute per line; a label needs one line.
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ').slice(0, 1024);
}
