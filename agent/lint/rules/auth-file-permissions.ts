import { allRegistryBlocks } from '../config-view.js';
import { isTable, lineIn } from '../toml-document.js';
import type { LintRule } from '../types.js';
import type { RegistryBlock } from '../config-view.js';

export const authFilePermissions: LintRule = {
  id: 'auth_file_permissions',
  severity: 'error',
  summary: 'A config file with registry credentials is readable by other users or not owned by root.',
  fix: 'chown root:root the file and chmod 0600 it, or move credentials out of config.toml',
  check(input) {
    return allRegistryBlocks(input.configFiles)
      .filter(hasCredentials)
      .filter(({ config }) => config.mode !== null && ((config.mode & 0o077) !== 0 || config.uid !== 0))
      .map(({ config, path }) => {
        const mode = (config.mode ?? 0).toString(8).padStart(4, '0');
        return {
          file: config.document.file,
          line: lineIn(config.document, [...path, 'configs']),
          message: `file contains registry credentials with mode ${mode} and owner uid ${config.uid ?? '?'}; other users on the node can read them`,
        };
      });
  },
};

// Credentials live in registry.configs."<host>".auth or in the older registry.auths table.
function hasCredentials(block: RegistryBlock): boolean {
  const configs = block.table.configs;
  const hostAuth =
    isTable(configs) && Object.values(configs).some((host) => isTable(host) && isTable(host.auth) && Object.keys(host.auth).length > 0);
  const auths = block.table.auths;
  const legacyAuth = isTable(auths) && Object.values(auths).some((entry) => isTable(entry) && Object.keys(entry).length > 0);
  return hostAuth || legacyAuth;
}
