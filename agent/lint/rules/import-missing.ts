import type { LintRule } from '../types.js';

export const importMissing: LintRule = {
  id: 'import_missing',
  severity: 'warning',
  summary: 'An `imports` entry of config.toml matches no file.',
  fix: 'correct the path or remove the entry; settings expected from that drop-in are not applied',
  check(input) {
    return input.missingImports.map((missing) => ({
      file: missing.file,
      line: missing.line,
      message: `import "${missing.pattern}" matches no file`,
    }));
  },
};
