import type { LintRule } from '../types.js';
import { certificateReferences, describeReferencePath } from './certificate-references.js';

export const certFileUnreadable: LintRule = {
  id: 'cert_file_unreadable',
  severity: 'error',
  summary: 'A `ca` or `client` file named in hosts.toml cannot be read.',
  fix: 'make the file a regular file readable by root (containerd runs as root)',
  check(input, context) {
    return certificateReferences(input, context)
      .filter((reference) => reference.read?.state === 'unreadable')
      .map((reference) => ({
        file: reference.file,
        line: reference.line,
        message: `${reference.role} file ${describeReferencePath(reference)} for ${reference.namespace} cannot be read: ${reference.read?.reason ?? 'unknown reason'}`,
      }));
  },
};
