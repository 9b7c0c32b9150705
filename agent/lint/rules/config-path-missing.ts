import { allRegistryBlocks, hasLegacyMirrors, registryPluginsFor } from '../config-view.js';
import type { LintRule } from '../types.js';

export const configPathMissing: LintRule = {
  id: 'config_path_missing',
  severity: 'error',
  summary: 'No config file sets the CRI registry config_path in the section its version reads, so hosts.toml is never read.',
  fix: 'set config_path = "/etc/containerd/certs.d" under the registry table of the CRI plugin for this config version',
  check(input) {
    const main = input.configFiles[0];
    if (!main?.document.data) {
      return [];
    }

    const readable = allRegistryBlocks(input.configFiles).filter((block) => block.inRightSection);
    const configured = readable.some(
      (block) => (typeof block.table.config_path === 'string' && block.table.config_path !== '') || hasLegacyMirrors(block),
    );
    if (configured) {
      return [];
    }

    const section = `plugins."${registryPluginsFor(main.version).at(-1) ?? ''}".registry`;
    return [
      {
        file: main.document.file,
        line: 1,
        message: `config version ${main.version} reads registry settings from [${section}], and no config file sets a non-empty config_path there`,
        fix: `set config_path = "/etc/containerd/certs.d" under [${section}]`,
      },
    ];
  },
};
