import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { allRegistryBlocks } from './config-view.js';
import { settingsWithFiles, viewHosts } from './hosts-view.js';
import type { ConfigFileInput, HostsFileInput, LintInput, MissingImport, ReferencedFile } from './inputs.js';
import { parseTomlDocument, lineIn, type TomlDocument } from './toml-document.js';

// A certificate or config file larger than this is not read; real ones are a few KiB.
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Source paths for one lint run, already resolved for this machine. */
export interface LintSources {
  configFile: string;
  /** Explicit certs.d; null uses config_path from the config, else `defaultCertsDir`. */
  certsDir: string | null;
  defaultCertsDir: string;
  registriesYaml: readonly string[];
  resolvePath(path: string, relativeTo: string): string;
}

/** Reads config.toml with its imports, certs.d, the files hosts.toml names and registries.yaml. */
export async function loadLintInput(sources: LintSources): Promise<LintInput> {
  const { configFiles, missingImports, configFound } = await loadConfigFiles(sources);

  const fromConfig = configPathFrom(configFiles);
  const certsDir = sources.certsDir ?? (fromConfig ? sources.resolvePath(fromConfig, '/') : sources.defaultCertsDir);
  let certsDirSource: LintInput['certsDirSource'] = 'default';
  if (sources.certsDir) {
    certsDirSource = 'option';
  } else if (fromConfig) {
    certsDirSource = 'config_path';
  }
  const { hostsFiles, found: certsDirFound } = await loadHostsFiles(certsDir);

  const referencedFiles = await loadReferencedFiles(hostsFiles, sources);

  const registriesYaml = [];
  for (const file of sources.registriesYaml) {
    const text = await readOptional(file);
    // TODO: report an unreadable registries.yaml as a finding; it is skipped like a missing one.
    if (typeof text === 'string') {
      registriesYaml.push({ file, text });
    }
  }

  return {
    configFile: sources.configFile,
    configFound,
    configFiles,
    missingImports,
    certsDir,
    certsDirFound,
    certsDirSource,
    hostsFiles,
    referencedFiles,
    registriesYaml,
  };
}

async function loadConfigFiles(sources: LintSources) {
  const configFiles: ConfigFileInput[] = [];
  const missingImports: MissingImport[] = [];
  const mainText = await readOptional(sources.configFile);
  if (mainText === null) {
    return { configFiles, missingImports, configFound: false };
  }

  // containerd merges the main file first, then each import in order; imports may import more.
  const pending: Array<{ file: string; text: string | UnreadableFile; imported: boolean }> = [
    { file: sources.configFile, text: mainText, imported: false },
  ];
  const seen = new Set<string>([sources.configFile]);
  let mainVersion = 1;

  while (pending.length > 0) {
    const next = pending.shift()!;
    const document = documentOf(next.file, next.text);
    const ownVersion = typeof document.data?.version === 'number' ? document.data.version : null;
    if (!next.imported) {
      mainVersion = ownVersion ?? 1;
    }
    const info = await stat(next.file).catch(() => null);
    configFiles.push({
      document,
      version: ownVersion ?? mainVersion,
      mode: info ? info.mode & 0o7777 : null,
      uid: info ? info.uid : null,
      imported: next.imported,
    });

    const imports = Array.isArray(document.data?.imports) ? document.data.imports : [];
    for (const pattern of imports.filter((value): value is string => typeof value === 'string')) {
      const matches = await expandImport(sources.resolvePath(pattern, dirname(next.file)));
      if (matches.length === 0) {
        missingImports.push({ file: next.file, line: lineIn(document, ['imports']), pattern });
      }
      for (const file of matches.filter((match) => !seen.has(match))) {
        seen.add(file);
        const text = await readOptional(file);
        if (text !== null) {
          pending.push({ file, text, imported: true });
        }
      }
    }
  }
  return { configFiles, missingImports, configFound: true };
}

// Imports may use a glob in the file name (`/etc/containerd/conf.d/*.toml`).
async function expandImport(pattern: string): Promise<string[]> {
  const name = basename(pattern);
  if (!/[*?]/.test(name)) {
    return (await isFile(pattern)) ? [pattern] : [];
  }
  const regex = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')}$`);
  const directory = dirname(pattern);
  const names = await readdir(directory).catch(() => [] as string[]);
  const files = [];
  for (const candidate of names.filter((entry) => regex.test(entry)).sort()) {
    if (await isFile(join(directory, candidate))) {
      files.push(join(directory, candidate));
    }
  }
  return files;
}

/** The last non-empty config_path in a section the config version reads; containerd 2.x allows a `:` list, of which the first entry is used here. */
function configPathFrom(configFiles: readonly ConfigFileInput[]): string | null {
  let found: string | null = null;
  for (const block of allRegistryBlocks(configFiles).filter((candidate) => candidate.inRightSection)) {
    const value = block.table.config_path;
    if (typeof value === 'string' && value !== '') {
      // TODO: lint only the first directory of a `:`-separated config_path list.
      found = value.split(':')[0] ?? value;
    }
  }
  return found;
}

/** Reads every certs.d/<namespace>/hosts.toml; `found` is false when the directory cannot be listed. */
export async function loadHostsFiles(certsDir: string): Promise<{ hostsFiles: HostsFileInput[]; found: boolean }> {
  let names: string[];
  try {
    names = await readdir(certsDir);
  } catch {
    return { hostsFiles: [], found: false };
  }

  const hostsFiles: HostsFileInput[] = [];
  for (const namespace of names.sort()) {
    const file = join(certsDir, namespace, 'hosts.toml');
    const text = await readOptional(file);
    if (text !== null) {
      hostsFiles.push({ namespace, document: documentOf(file, text) });
    }
  }
  return { hostsFiles, found: true };
}

async function loadReferencedFiles(hostsFiles: readonly HostsFileInput[], sources: LintSources) {
  const files = new Map<string, ReferencedFile>();
  for (const hosts of hostsFiles) {
    const view = viewHosts(hosts);
    if (!view) {
      continue;
    }
    const paths = settingsWithFiles(view).flatMap((settings) => [
      ...settings.ca,
      ...settings.client.flatMap((pair) => (pair.key ? [pair.cert, pair.key] : [pair.cert])),
    ]);
    for (const path of paths) {
      const resolvedPath = sources.resolvePath(path, dirname(hosts.document.file));
      if (!files.has(resolvedPath)) {
        files.set(resolvedPath, await readReferenced(resolvedPath));
      }
    }
  }
  return files;
}

async function readReferenced(resolvedPath: string): Promise<ReferencedFile> {
  try {
    const info = await stat(resolvedPath);
    if (!info.isFile()) {
      return { state: 'unreadable', resolvedPath, reason: 'not a regular file', content: null };
    }
    if (info.size > MAX_FILE_BYTES) {
      return { state: 'unreadable', resolvedPath, reason: `larger than ${MAX_FILE_BYTES} bytes`, content: null };
    }
    return { state: 'ok', resolvedPath, reason: null, content: await readFile(resolvedPath) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { state: 'missing', resolvedPath, reason: null, content: null };
    }
    return { state: 'unreadable', resolvedPath, reason: (err as Error).message, content: null };
  }
}

/** A file lint could not read, with the reason shown in the finding. */
interface UnreadableFile {
  unreadable: string;
}

/**
 * Reads a text file; returns null when it does not exist. A directory, FIFO, device, symlink
 * loop, oversized or permission-denied file comes back as unreadable and never throws, and is
 * never opened when it is not a regular file, so a FIFO cannot block the read.
 */
async function readOptional(file: string): Promise<string | null | UnreadableFile> {
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      return { unreadable: 'not a regular file; containerd cannot read it either' };
    }
    if (info.size > MAX_FILE_BYTES) {
      return { unreadable: `${info.size} bytes, larger than the ${MAX_FILE_BYTES}-byte limit` };
    }
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return null;
    }
    return { unreadable: (err as Error).message };
  }
}

/** Parses text, or turns an unreadable file into a document whose syntax error names the cause. */
function documentOf(file: string, text: string | UnreadableFile): TomlDocument {
  if (typeof text === 'string') {
    return parseTomlDocument(file, text);
  }
  return { file, data: null, syntaxError: { message: `file cannot be read: ${text.unreadable}`, line: 1 }, duplicates: [], entries: [] };
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}
