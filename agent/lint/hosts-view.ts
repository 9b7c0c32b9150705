import type { HostsFileInput } from './inputs.js';
import { isTable, lineIn, type TomlTable } from './toml-document.js';
import { parseLooseUrl, type LooseUrl } from './url.js';

/** Settings shared by `server` (top level) and each `[host."..."]` table of hosts.toml. */
export interface HostSettings {
  url: string;
  parsed: LooseUrl;
  /** Key path of the table holding these settings (`[]` for top level). */
  tablePath: string[];
  line: number;
  /** null when the key is absent, which containerd reads as pull, resolve and push. */
  capabilities: string[] | null;
  skipVerify: boolean;
  overridePath: boolean;
  ca: string[];
  /** Certificate paths of `client`; each entry is a cert path or a [cert, key] pair. */
  client: Array<{ cert: string; key: string | null }>;
}

/** The parts of one hosts.toml that lint rules and the certificate reader need. */
export interface HostsView {
  namespace: string;
  file: string;
  /** The upstream `server`, or null when unset (containerd then uses the namespace itself). */
  server: HostSettings | null;
  /** Top-level `ca`, `client` and `skip_verify` apply to the server. */
  topLevel: HostSettings;
  mirrors: HostSettings[];
}

/** Builds the view of a parsed hosts.toml; returns null when the file did not parse. */
export function viewHosts(input: HostsFileInput): HostsView | null {
  const data = input.document.data;
  if (!data) {
    return null;
  }

  const serverUrl = typeof data.server === 'string' ? data.server : null;
  const topLevel = readSettings(input, serverUrl ?? `https://${input.namespace}`, data, []);
  const server = serverUrl === null ? null : { ...topLevel, line: lineIn(input.document, ['server']) };

  const mirrors: HostSettings[] = [];
  if (isTable(data.host)) {
    for (const [url, table] of Object.entries(data.host)) {
      if (isTable(table)) {
        mirrors.push(readSettings(input, url, table, ['host', url]));
      }
    }
  }
  return { namespace: input.namespace, file: input.document.file, server, topLevel, mirrors };
}

function readSettings(input: HostsFileInput, url: string, table: TomlTable, tablePath: string[]): HostSettings {
  const capabilities = Array.isArray(table.capabilities)
    ? table.capabilities.filter((value): value is string => typeof value === 'string')
    : null;
  return {
    url,
    parsed: parseLooseUrl(url),
    tablePath,
    line: tablePath.length === 0 ? 1 : lineIn(input.document, tablePath),
    capabilities,
    skipVerify: table.skip_verify === true,
    overridePath: table.override_path === true,
    ca: toStrings(table.ca),
    client: readClient(table.client),
  };
}

function toStrings(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

// containerd accepts `client = "cert"`, `client = ["cert", "key"]` and `client = [["cert", "key"], ...]`.
function readClient(value: unknown): HostSettings['client'] {
  if (typeof value === 'string') {
    return [{ cert: value, key: null }];
  }
  if (!Array.isArray(value)) {
    return [];
  }
  if (value.every((item) => typeof item === 'string')) {
    const [cert, key] = value as string[];
    return cert === undefined ? [] : [{ cert, key: key ?? null }];
  }
  return value
    .filter((pair): pair is unknown[] => Array.isArray(pair))
    .map((pair) => ({ cert: String(pair[0] ?? ''), key: typeof pair[1] === 'string' ? pair[1] : null }))
    .filter((pair) => pair.cert !== '');
}

/** Lists the host settings that may name certificate files: top level and each mirror. */
export function settingsWithFiles(view: HostsView): HostSettings[] {
  return [view.topLevel, ...view.mirrors];
}
