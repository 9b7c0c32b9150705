import { allRegistryBlocks, hasLegacyMirrors } from '../config-view.js';
import { lineIn } from '../toml-document.js';
import type { LintRule } from '../types.js';

export const legacyMirrors: LintRule = {
  id: 'legacy_mirrors',
  severity: 'warning',
  summary: 'The deprecated registry `mirrors` block is used instead of config_path and hosts.toml.',
  fix: 'move each mirror to certs.d/<registry>/hosts.toml, set config_path and remove the mirrors table; hosts.toml is re-read on every pull and supports per-host capabilities',
  check(input) {
    return allRegistryBlocks(input.configFiles)
      .filter((block) => block.inRightSection && hasLegacyMirrors(block))
      .map((block) => ({
        file: block.config.document.file,
        line: lineIn(block.config.document, [...block.path, 'mirrors']),
        message: `registry mirrors are configured in config.toml under plugins."${block.plugin}", a deprecated mode that needs a restart per change`,
      }));
  },
};
