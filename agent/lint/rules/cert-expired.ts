import type { LintRule } from '../types.js';
import { certificatesWithDaysLeft, describeInFile } from './certificate-expiry.js';
import { describeReferencePath } from './certificate-references.js';

export const certExpired: LintRule = {
  id: 'cert_expired',
  severity: 'error',
  summary: 'A certificate in a `ca` or `client` file has expired, so TLS to that host fails.',
  fix: 'replace the file with a renewed certificate; hosts.toml is re-read on the next pull',
  check(input, context) {
    return certificatesWithDaysLeft(input, context)
      .filter(({ daysLeft }) => daysLeft <= 0)
      .map(({ reference, certificate, index }) => ({
        file: reference.file,
        line: reference.line,
        message: `${describeInFile(certificate, index)} in ${reference.role} file ${describeReferencePath(reference)} expired on ${certificate.validTo}`,
      }));
  },
};
