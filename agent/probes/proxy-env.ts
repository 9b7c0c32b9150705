import { BlockList, isIP } from 'node:net';
import { probeError } from './errors.js';
import type { ProxyEndpoint } from './prober.js';
import type { ProbeTarget } from './target.js';

/** containerd's proxy for HTTPS pulls, as Go's net/http reads it from the environment. */
export interface ProxySettings {
  proxy: ProxyEndpoint;
  /** NO_PROXY entries, lower-cased. */
  noProxy: string[];
}

/**
 * Picks the HTTPS proxy from an environment: HTTPS_PROXY before https_proxy, NO_PROXY before
 * no_proxy (Go's httpproxy.FromEnvironment order). Returns null when no proxy is set.
 * Throws GW_PROBE_PROXY_INVALID for a URL that is not http://host[:port].
 */
export function proxyFromEnvironment(env: ReadonlyMap<string, string>, source: string): ProxySettings | null {
  const raw = firstSet(env, 'HTTPS_PROXY', 'https_proxy');
  if (raw === undefined) {
    return null;
  }
  const noProxy = (firstSet(env, 'NO_PROXY', 'no_proxy') ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  return { proxy: parseProxyUrl(raw, source), noProxy };
}

/** Parses a proxy URL; a value without a scheme means http://, as in Go. */
export function parseProxyUrl(raw: string, source: string): ProxyEndpoint {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw probeError('GW_PROBE_PROXY_INVALID', { proxy: redact(raw), source, reason: 'not a URL' });
  }
  // NOTE: https:// and socks5:// proxies are not probed yet; only a plain HTTP CONNECT proxy is.
  if (url.protocol !== 'http:') {
    throw probeError('GW_PROBE_PROXY_INVALID', { proxy: redact(raw), source, reason: `scheme ${url.protocol} is not supported, only http://` });
  }

  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? 80 : Number(url.port);
  const label = `http://${url.host}`;
  const endpoint: ProxyEndpoint = { label, host, port };
  if (url.username !== '') {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    endpoint.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  return endpoint;
}

/**
 * Tells whether NO_PROXY exempts a target, following Go's rules: `*` matches all, an IP or CIDR
 * matches addresses, `example.com` and `.example.com` match the domain and its subdomains, and
 * an entry with a port matches that port only.
 */
export function bypassesProxy(target: ProbeTarget, noProxy: readonly string[]): boolean {
  const host = target.host.toLowerCase();
  return noProxy.some((entry) => entryMatches(entry, host, target.port));
}

function entryMatches(entry: string, host: string, port: number): boolean {
  if (entry === '*') {
    return true;
  }
  if (entry.includes('/')) {
    return cidrContains(entry, host);
  }

  let name = entry;
  let entryPort: number | null = null;
  const portMatch = /^(.*?):(\d+)$/.exec(entry);
  if (portMatch && isIP(entry) !== 6) {
    name = portMatch[1] as string;
    entryPort = Number(portMatch[2]);
  }
  name = name.replace(/^\[(.*)\]$/, '$1');
  if (entryPort !== null && entryPort !== port) {
    return false;
  }
  if (isIP(name) !== 0 || isIP(host) !== 0) {
    return name === host;
  }
  const domain = name.startsWith('.') ? name.slice(1) : name.startsWith('*.') ? name.slice(2) : name;
  return host === domain || host.endsWith(`.${domain}`);
}

function cidrContains(cidr: string, host: string): boolean {
  const family = isIP(host);
  const [network, prefixText] = cidr.split('/');
  const networkFamily = isIP(network ?? '');
  if (family === 0 || networkFamily !== family || !/^\d+$/.test(prefixText ?? '')) {
    return false;
  }
  const list = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  try {
    list.addSubnet(network as string, Number(prefixText), type);
  } catch {
    return false;
  }
  return list.check(host, type);
}

function firstSet(env: ReadonlyMap<string, string>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env.get(name);
    if (value !== undefined && value !== '') {
      return value;
    }
  }
  return undefined;
}

// Proxy URLs can carry a password; error messages show them without user info.
function redact(raw: string): string {
  return raw.replace(/\/\/[^@/]*@/, '//[redacted]@');
}
