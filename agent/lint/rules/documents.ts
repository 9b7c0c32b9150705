import type { LintInput } from '../inputs.js';
import type { TomlDocument } from '../toml-document.js';

/** Lists every TOML file lint read, with a short name of its kind for messages. */
export function tomlDocuments(input: LintInput): Array<{ document: TomlDocument; kind: string }> {
  return [
    ...input.configFiles.map((config) => ({
      document: config.document,
      kind: config.imported ? 'imported containerd config' : 'containerd config',
    })),
    ...input.hostsFiles.map((hosts) => ({ document: hosts.document, kind: `hosts.toml of ${hosts.namespace}` })),
  ];
}
