import type { LintRule } from '../types.js';

export const configMissing: LintRule = {
  id: 'config_missing',
  severity: 'warning',
  summary: 'containerd has no config file, so it runs with built-in registry defaults.',
  fix: 'create config.toml with the CRI registry config_path, or pass --config-file with the path containerd is started with',
  check(input) {
    if (input.configFound) {
      return [];
    }
    return [{ file: input.configFile, line: 1, message: `containerd config ${input.configFile} was not found` }];
  },
};
