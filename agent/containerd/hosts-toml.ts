import { parse as parseToml } from 'smol-toml';
import type { RegistryHost } from './types.js';

type Capability = RegistryHost['capabilities'][number];

/** Result of reading one hosts.toml: the hosts in the order containerd tries them, or why the file was dropped. */
export type HostsTomlResult = { ok: true; hosts: RegistryHost[] } | { ok: false; reason: string };

const CAPABILITIES: readonly Capability[] = ['pull', 'resolve', 'push'];
const MIRROR_DEFAULT_CAPABILITIES: readonly Capability[] = ['pull', 'resolve'];
const SERVER_DEFAULT_CAPABILITIES: readonly Capability[] = ['pull', 'resolve', 'push'];

/**
 * Parses one hosts.toml for `namespace` (the certs.d directory name, `docker.io`,
 * `registry.example:5000`). Mirrors come in file order, then the upstream `server`, which
 * defaults to `https://<namespace>` (`https://registry-1.docker.io` for docker.io). Invalid TOML,
 * such as a duplicate table, makes containerd drop the whole file, so the result is then an error.
 */
export function parseHostsToml(text: string, namespace: string): HostsTomlResult {
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, reason: `invalid TOML: ${(err as Error).message.split('\n')[0]}` };
  }

  const hosts: RegistryHost[] = [];
  const tables = document.host;
  if (tables !== undefined && (tables === null || typeof tables !== 'object' || Array.isArray(tables))) {
    return { ok: false, reason: '"host" must be a table of [host."URL"] tables' };
  }

  // smol-toml keeps keys in document order, which is the order containerd tries mirrors.
  for (const [url, table] of Object.entries((tables ?? {}) as Record<string, unknown>)) {
    const host = readHost(url, table, 'mirror', MIRROR_DEFAULT_CAPABILITIES);
    if (typeof host === 'string') {
      return { ok: false, reason: host };
    }
    hosts.push(host);
  }

  const server = document.server ?? defaultServerUrl(namespace);
  if (typeof server !== 'string') {
    return { ok: false, reason: '"server" must be a URL string' };
  }
  const upstream = readHost(server, { capabilities: document.capabilities }, 'upstream', SERVER_DEFAULT_CAPABILITIES);
  if (typeof upstream === 'string') {
    return { ok: false, reason: upstream };
  }
  hosts.push(upstream);

  return { ok: true, hosts };
}

/** Returns the upstream containerd uses for a namespace without hosts.toml. */
export function defaultUpstream(namespace: string): RegistryHost {
  const url = defaultServerUrl(namespace);
  return { host: hostOfUrl(url) ?? namespace, url, role: 'upstream', capabilities: SERVER_DEFAULT_CAPABILITIES };
}

function defaultServerUrl(namespace: string): string {
  return namespace === 'docker.io' ? 'https://registry-1.docker.io' : `https://${namespace}`;
}

function readHost(
  url: string,
  table: unknown,
  role: RegistryHost['role'],
  defaults: readonly Capability[],
): RegistryHost | string {
  const host = hostOfUrl(url);
  if (host === null) {
    return `host URL ${JSON.stringify(url)} is not an http or https URL`;
  }
  if (table === null || typeof table !== 'object' || Array.isArray(table)) {
    return `[host.${JSON.stringify(url)}] must be a table`;
  }

  const raw = (table as Record<string, unknown>).capabilities;
  if (raw === undefined) {
    return { host, url, role, capabilities: defaults };
  }
  if (!Array.isArray(raw) || !raw.every((value): value is Capability => CAPABILITIES.includes(value as Capability))) {
    return `capabilities of ${url} must be a list of "pull", "resolve", "push"`;
  }
  return { host, url, role, capabilities: raw };
}

/** `host[:port]` of a URL the way containerd logs it in `host=`; null when not http(s). */
export function hostOfUrl(url: string): string | null {
  // containerd accepts a bare host in `server`; it defaults the scheme to https.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
  try {
    const parsed = new URL(withScheme);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return null;
    }
    return parsed.host;
  } catch {
    return null;
  }
}
