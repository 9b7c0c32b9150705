import type { LintRule } from '../types.js';

export const certsDirMissing: LintRule = {
  id: 'certs_dir_missing',
  severity: 'error',
  summary: 'The certs.d directory that config_path names does not exist, so every pull goes straight to the image reference registry.',
  fix: 'create the directory with one <registry>/hosts.toml per mirrored registry, or correct config_path',
  check(input) {
    if (input.certsDirFound || input.certsDirSource === 'default') {
      return [];
    }
    const source = input.certsDirSource === 'option' ? '--certs-dir' : 'config_path';
    return [{ file: input.certsDir, line: 1, message: `certs.d directory ${input.certsDir} (from ${source}) does not exist` }];
  },
};
