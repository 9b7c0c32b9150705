import type { LintRule } from '../types.js';

export const configMissing: LintRule = {
  id: 'config_missing',
  // containerd 1.6's built-in default is config_path = "", so no mirror applies and pulls go to
  // the public registry. NOTE: newer containerd defaults may read certs.d; this stays an error.
  severity: 'error',
  summary: 'containerd has no config file, so it runs with built-in registry defaults and no mirror.',
  fix: 'create config.toml with the CRI registry config_path, or pass --config-file with the path containerd is started with',
  check(input) {
    if (input.configFound) {
      return [];
    }
    return [{ file: input.configFile, line: 1, message: `containerd config ${input.configFile} was not found, so containerd runs with built-in registry defaults and no mirror is configured` }];
  },
};
