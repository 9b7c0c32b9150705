import type { ConfigFileInput } from './inputs.js';
import { isTable, valueAt, type TomlTable } from './toml-document.js';

/** Plugin names under which containerd versions have read the CRI registry settings. */
export const CRI_REGISTRY_PLUGINS = ['cri', 'io.containerd.grpc.v1.cri', 'io.containerd.cri.v1.images'] as const;

/** The CRI images plugin, where config version 3 (containerd 2.x) keeps registry and pull settings. */
export const CRI_IMAGES_PLUGIN = 'io.containerd.cri.v1.images';

/**
 * Plugin sections whose `registry` table each config version reads: version 1 uses the
 * short name `cri`, version 2 (containerd 1.5 to 1.7) the gRPC CRI plugin, and version 3
 * (containerd 2.x) the CRI images plugin.
 */
export function registryPluginsFor(version: number): readonly string[] {
  if (version <= 1) {
    return ['cri', 'io.containerd.grpc.v1.cri'];
  }
  if (version === 2) {
    return ['io.containerd.grpc.v1.cri'];
  }
  return [CRI_IMAGES_PLUGIN];
}

/** One `registry` table found in a config file. */
export interface RegistryBlock {
  config: ConfigFileInput;
  plugin: string;
  /** Key path of the registry table, `['plugins', PLUGIN, 'registry']`. */
  path: string[];
  table: TomlTable;
  /** True when this file's config version reads this section. */
  inRightSection: boolean;
}

/** Lists the registry tables of a parsed config file under any CRI plugin name. */
export function registryBlocks(config: ConfigFileInput): RegistryBlock[] {
  const blocks: RegistryBlock[] = [];
  const data = config.document.data;
  if (!data) {
    return blocks;
  }

  const readable = registryPluginsFor(config.version);
  for (const plugin of CRI_REGISTRY_PLUGINS) {
    const path = ['plugins', plugin, 'registry'];
    const table = valueAt(data, path);
    if (isTable(table)) {
      blocks.push({ config, plugin, path, table, inRightSection: readable.includes(plugin) });
    }
  }
  return blocks;
}

/** Lists registry tables of every config file, in merge order. */
export function allRegistryBlocks(configs: readonly ConfigFileInput[]): RegistryBlock[] {
  return configs.flatMap(registryBlocks);
}

/** Tells whether a registry table has a `mirrors` table with at least one entry. */
export function hasLegacyMirrors(block: RegistryBlock): boolean {
  const mirrors = block.table.mirrors;
  return isTable(mirrors) && Object.keys(mirrors).length > 0;
}
