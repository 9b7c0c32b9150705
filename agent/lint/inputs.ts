import type { TomlDocument } from './toml-document.js';

/** A containerd config file (the main config.toml or one it imports). */
export interface ConfigFileInput {
  document: TomlDocument;
  /** `version = N` of this file, or of the main file when this one has none; 1 when neither sets it. */
  version: number;
  /** Permission bits and owner, null when stat failed. */
  mode: number | null;
  uid: number | null;
  imported: boolean;
}

/** One certs.d/<namespace>/hosts.toml. */
export interface HostsFileInput {
  /** Directory name under certs.d, as containerd matches it against the image reference's registry. */
  namespace: string;
  document: TomlDocument;
}

/** A `ca` or `client` file that hosts.toml names, as read from disk. */
export interface ReferencedFile {
  state: 'ok' | 'missing' | 'unreadable';
  /** Path actually read (with --root applied). */
  resolvedPath: string;
  reason: string | null;
  content: Buffer | null;
}

export interface RegistriesYamlInput {
  file: string;
  text: string;
}

export interface MissingImport {
  file: string;
  line: number;
  pattern: string;
}

/**
 * Everything lint rules look at, read from disk once by `loadLintInput`. Rules are pure
 * functions of this snapshot and the current time.
 */
export interface LintInput {
  configFile: string;
  configFound: boolean;
  /** Main config first, then imports in the order containerd merges them. */
  configFiles: ConfigFileInput[];
  missingImports: MissingImport[];
  certsDir: string;
  certsDirFound: boolean;
  /** Origin of certsDir: an explicit flag, config_path, or the default. */
  certsDirSource: 'option' | 'config_path' | 'default';
  hostsFiles: HostsFileInput[];
  /** Keyed by the resolved path of each `ca` / `client` file. */
  referencedFiles: ReadonlyMap<string, ReferencedFile>;
  registriesYaml: RegistriesYamlInput[];
}
