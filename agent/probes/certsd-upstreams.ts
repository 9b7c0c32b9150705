import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { ProbeWarn } from './warn.js';

// Docker Hub's certs.d directory is docker.io, but containerd's default upstream for it is this host.
const DEFAULT_UPSTREAMS: Readonly<Record<string, string>> = { 'docker.io': 'registry-1.docker.io' };

/**
 * Returns `host[:port]` of the upstream `server` of every certs.d directory: the `server` key
 * of its hosts.toml, or the directory name when hosts.toml has none. `_default` is skipped
 * because it names no registry. Invalid files are logged and skipped; an unreadable certs.d is
 * also added to `problems`.
 */
// TODO: switch to agent/containerd/certsd.ts (CertsDir) once it exists, so both read hosts.toml the same way.
export function readCertsDirUpstreams(certsDir: string, warn: ProbeWarn, problems: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(certsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== '_default')
      .map((entry) => entry.name)
      .sort();
  } catch (err) {
    warn(`certsd ${certsDir}`, { err, certsDir }, 'cannot list certs.d, probing configured targets only');
    problems.push(`cannot list certs.d ${certsDir}: ${(err as Error).message}`);
    return [];
  }

  const upstreams = new Set<string>();
  for (const name of names) {
    const file = join(certsDir, name, 'hosts.toml');
    let text: string | null = null;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // A directory without hosts.toml still sends pulls to its namesake upstream.
    }
    const upstream = text === null ? defaultUpstream(name) : upstreamFromHostsToml(text, name, file, warn);
    if (upstream !== null) {
      upstreams.add(upstream);
    }
  }
  return [...upstreams];
}

/** Returns `host[:port]` of hosts.toml's `server`, the directory's default upstream when absent, null when invalid. */
export function upstreamFromHostsToml(text: string, directory: string, file: string, warn: ProbeWarn): string | null {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    warn(`toml ${file}`, { err, file }, 'hosts.toml is not valid TOML, skipping its upstream');
    return null;
  }
  const server = parsed.server;
  if (typeof server !== 'string' || server === '') {
    return defaultUpstream(directory);
  }
  try {
    return new URL(server).host;
  } catch (err) {
    warn(`server ${file}`, { err, file, server }, 'hosts.toml server is not a URL, skipping it');
    return null;
  }
}

function defaultUpstream(directory: string): string {
  return DEFAULT_UPSTREAMS[directory] ?? directory;
}
