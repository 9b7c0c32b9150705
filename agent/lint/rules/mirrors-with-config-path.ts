import { allRegistryBlocks, hasLegacyMirrors } from '../config-view.js';
import { lineIn } from '../toml-document.js';
import type { LintRule } from '../types.js';

export const mirrorsWithConfigPath: LintRule = {
  id: 'mirrors_with_config_path',
  severity: 'error',
  summary: 'Both `mirrors` and config_path are set; containerd 2.2 then refuses to load the CRI plugin.',
  fix: 'remove the mirrors table and keep config_path with hosts.toml files; an empty config_path = "" counts as set',
  check(input) {
    const blocks = allRegistryBlocks(input.configFiles).filter((block) => block.inRightSection);
    const withConfigPath = blocks.find((block) => 'config_path' in block.table);
    if (!withConfigPath) {
      return [];
    }
    return blocks.filter(hasLegacyMirrors).map((block) => ({
      file: block.config.document.file,
      line: lineIn(block.config.document, [...block.path, 'mirrors']),
      message: `registry mirrors are set together with config_path = ${JSON.stringify(withConfigPath.table.config_path)}, which fails the CRI plugin on containerd 2.2 ("mirrors cannot be set when config_path is provided")`,
    }));
  },
};
