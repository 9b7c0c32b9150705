import { viewRegistriesYaml } from '../registries-view.js';
import type { LintRule } from '../types.js';

export const registriesYamlInvalid: LintRule = {
  id: 'registries_yaml_invalid',
  severity: 'error',
  summary: 'A k3s or rke2 registries.yaml is not valid YAML.',
  fix: 'correct the YAML at that line; k3s and rke2 then render no registry settings from it',
  check(input) {
    return input.registriesYaml.flatMap((yaml) => {
      const error = viewRegistriesYaml(yaml.text).syntaxError;
      return error ? [{ file: yaml.file, line: error.line, message: `registries.yaml is not valid YAML: ${error.message}` }] : [];
    });
  },
};
