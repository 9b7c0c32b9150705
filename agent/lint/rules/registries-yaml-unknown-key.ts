import { viewRegistriesYaml } from '../registries-view.js';
import type { LintRule } from '../types.js';

export const registriesYamlUnknownKey: LintRule = {
  id: 'registries_yaml_unknown_key',
  severity: 'error',
  summary: 'A k3s or rke2 registries.yaml has a key those tools do not read, so that setting is silently dropped.',
  fix: 'correct the key spelling (mirrors.<registry>.endpoint, configs.<host>.auth or .tls)',
  check(input) {
    return input.registriesYaml.flatMap((yaml) =>
      viewRegistriesYaml(yaml.text).unknownKeys.map((key) => ({
        file: yaml.file,
        line: key.line,
        message: `unknown key "${key.path.at(-1) ?? ''}" at ${key.path.join(' > ')} is ignored`,
      })),
    );
  },
};
