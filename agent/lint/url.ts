/** A URL from hosts.toml or registries.yaml, split without validation so placeholders still parse. */
export interface LooseUrl {
  scheme: string;
  /** `host[:port]`, lower-cased. */
  hostPort: string;
  /** Host without port; IPv6 brackets kept. */
  host: string;
  /** Path without trailing slash, '' when none. */
  path: string;
}

/** Splits `scheme://host[:port][/path]`; a value without a scheme is taken as https, like containerd does. */
export function parseLooseUrl(value: string): LooseUrl {
  const match = value.trim().match(/^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/]*)(\/.*)?$/);
  const scheme = match ? (match[1] ?? '').toLowerCase() : 'https';
  const authority = (match ? match[2] : value.split('/')[0]) ?? '';
  const rawPath = match ? (match[3] ?? '') : value.slice(authority.length);
  const hostPort = authority.toLowerCase();
  const host = hostPort.startsWith('[') ? hostPort.replace(/\]:\d+$/, ']') : hostPort.replace(/:\d+$/, '');
  return { scheme, hostPort, host, path: rawPath.replace(/\/+$/, '') };
}
