import { allRegistryBlocks, registryPluginsFor } from '../config-view.js';
import { lineIn } from '../toml-document.js';
import type { LintRule } from '../types.js';

const REGISTRY_KEYS = ['config_path', 'mirrors', 'configs', 'auths'];

export const registryWrongSection: LintRule = {
  id: 'registry_wrong_section',
  severity: 'error',
  summary: 'Registry settings sit under a CRI plugin section that this config version does not read, so containerd ignores them.',
  fix: 'move the registry table under the CRI plugin section of this config version',
  check(input) {
    return allRegistryBlocks(input.configFiles)
      .filter((block) => !block.inRightSection)
      .flatMap((block) => {
        const keys = REGISTRY_KEYS.filter((key) => key in block.table);
        if (keys.length === 0) {
          return [];
        }
        const right = registryPluginsFor(block.config.version).at(-1) ?? '';
        return [
          {
            file: block.config.document.file,
            line: lineIn(block.config.document, [...block.path, keys[0] ?? '']),
            message: `registry ${keys.join(', ')} under plugins."${block.plugin}" is ignored by config version ${block.config.version}`,
            fix: `move them under [plugins."${right}".registry]; config version 2 is containerd 1.x, version 3 is containerd 2.x`,
          },
        ];
      });
  },
};
