import type { LintRule } from '../types.js';
import { certificateReferences, describeReferencePath } from './certificate-references.js';

export const certFileMissing: LintRule = {
  id: 'cert_file_missing',
  severity: 'error',
  summary: 'A `ca` or `client` file named in hosts.toml does not exist, so TLS to that host fails.',
  fix: 'copy the file to that path or correct the path in hosts.toml',
  check(input, context) {
    return certificateReferences(input, context)
      .filter((reference) => reference.read?.state === 'missing')
      .map((reference) => ({
        file: reference.file,
        line: reference.line,
        message: `${reference.role} file ${describeReferencePath(reference)} for ${reference.namespace} does not exist`,
      }));
  },
};
