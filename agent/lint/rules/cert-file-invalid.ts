import { parseCertificates } from '../../certs/pem.js';
import type { LintRule, RuleHit } from '../types.js';
import { certificateReferences, describeReferencePath } from './certificate-references.js';

export const certFileInvalid: LintRule = {
  id: 'cert_file_invalid',
  severity: 'error',
  summary: 'A `ca` or `client` certificate file holds no parsable X.509 certificate.',
  fix: 'replace the file with the PEM certificate (-----BEGIN CERTIFICATE-----); a key or CSR does not work there',
  check(input, context) {
    const hits: RuleHit[] = [];
    for (const reference of certificateReferences(input, context)) {
      const content = reference.read?.content;
      if (reference.role === 'client key' || reference.read?.state !== 'ok' || !content) {
        continue;
      }
      try {
        parseCertificates(content);
      } catch (err) {
        hits.push({
          file: reference.file,
          line: reference.line,
          message: `${reference.role} file ${describeReferencePath(reference)} for ${reference.namespace} is not a certificate: ${(err as Error).message}`,
        });
      }
    }
    return hits;
  },
};
