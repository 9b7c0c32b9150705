import type { LintRule } from '../types.js';
import { tomlDocuments } from './documents.js';

export const tomlDuplicateTable: LintRule = {
  id: 'toml_duplicate_table',
  severity: 'error',
  summary: 'A TOML table is defined twice, so containerd rejects the whole file.',
  fix: 'merge the two tables into one; containerd drops a hosts.toml with a duplicate table without logging it',
  check(input) {
    return tomlDocuments(input).flatMap(({ document, kind }) =>
      document.duplicates.map((entry) => ({
        file: document.file,
        line: entry.line,
        message: `${kind} defines table [${entry.path.join('.')}] a second time, so the file is not valid TOML`,
      })),
    );
  },
};
