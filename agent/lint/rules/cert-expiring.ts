import type { LintRule } from '../types.js';
import { certificatesWithDaysLeft, describeInFile } from './certificate-expiry.js';
import { describeReferencePath } from './certificate-references.js';

export const certExpiring: LintRule = {
  id: 'cert_expiring',
  severity: 'warning',
  summary: 'A certificate in a `ca` or `client` file expires within the warning threshold (30 days by default).',
  fix: 'renew the certificate and replace the file before it expires',
  check(input, context) {
    return certificatesWithDaysLeft(input, context)
      .filter(({ daysLeft }) => daysLeft > 0 && daysLeft <= context.expiryWarningDays)
      .map(({ reference, certificate, index, daysLeft }) => ({
        file: reference.file,
        line: reference.line,
        message: `${describeInFile(certificate, index)} in ${reference.role} file ${describeReferencePath(reference)} expires in ${Math.floor(daysLeft)} days (${certificate.validTo})`,
      }));
  },
};
