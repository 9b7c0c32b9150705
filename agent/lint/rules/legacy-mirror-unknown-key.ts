import { allRegistryBlocks } from '../config-view.js';
import { isTable, lineIn } from '../toml-document.js';
import type { LintRule, RuleHit } from '../types.js';

// The only keys containerd reads in a legacy mirror entry.
const MIRROR_KEYS = new Set(['endpoint', 'rewrite']);

export const legacyMirrorUnknownKey: LintRule = {
  id: 'legacy_mirror_unknown_key',
  severity: 'warning',
  summary: 'A legacy mirror entry has keys containerd does not read (TLS settings belong under registry.configs).',
  fix: 'move TLS settings to registry.configs."<host>".tls (ca_file, cert_file, key_file) or, better, to hosts.toml',
  check(input) {
    const hits: RuleHit[] = [];
    for (const block of allRegistryBlocks(input.configFiles)) {
      const mirrors = block.table.mirrors;
      if (!isTable(mirrors)) {
        continue;
      }
      for (const [name, mirror] of Object.entries(mirrors)) {
        if (!isTable(mirror)) {
          continue;
        }
        for (const key of Object.keys(mirror).filter((candidate) => !MIRROR_KEYS.has(candidate))) {
          hits.push({
            file: block.config.document.file,
            line: lineIn(block.config.document, [...block.path, 'mirrors', name, key]),
            message: `key "${key}" in mirror "${name}" is ignored by containerd`,
          });
        }
      }
    }
    return hits;
  },
};
