import type { X509Certificate } from 'node:crypto';
import { parseCertificates } from '../../certs/pem.js';
import type { LintInput } from '../inputs.js';
import type { LintContext } from '../types.js';
import { certificateReferences, type CertificateReference } from './certificate-references.js';

const DAY_MS = 86_400_000;

/** Lists each parsable certificate of every referenced file, with days left until notAfter. */
export function certificatesWithDaysLeft(
  input: LintInput,
  context: LintContext,
): Array<{ reference: CertificateReference; certificate: X509Certificate; index: number; daysLeft: number }> {
  const results = [];
  for (const reference of certificateReferences(input, context)) {
    const content = reference.read?.content;
    if (reference.role === 'client key' || reference.read?.state !== 'ok' || !content) {
      continue;
    }
    let certificates: X509Certificate[];
    try {
      certificates = parseCertificates(content);
    } catch {
      // cert_file_invalid reports this file.
      continue;
    }
    for (const [index, certificate] of certificates.entries()) {
      const daysLeft = (Date.parse(certificate.validTo) - context.nowMs) / DAY_MS;
      results.push({ reference, certificate, index, daysLeft });
    }
  }
  return results;
}

/** Names one certificate of a bundle for messages: subject, and its position when the file has several. */
export function describeInFile(certificate: X509Certificate, index: number): string {
  const subject = certificate.subject.replaceAll('\n', ', ');
  return index === 0 ? `certificate "${subject}"` : `certificate #${index + 1} "${subject}"`;
}
