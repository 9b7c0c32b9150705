import { dirname } from 'node:path';
import { settingsWithFiles, viewHosts } from '../lint/hosts-view.js';
import type { HostsFileInput } from '../lint/inputs.js';

/** A mirror to read the served chain from, with the CA files the node trusts for it. */
export interface MirrorTarget {
  /** `host:port` as the metric label shows it. */
  label: string;
  host: string;
  port: number;
  caFiles: string[];
}

/** Files and mirrors whose certificates the certs task reads, derived from hosts.toml without I/O. */
export interface CertificateTargets {
  files: string[];
  mirrors: MirrorTarget[];
}

/** Collects every `ca` and `client` certificate path and every HTTPS mirror host of the parsed hosts.toml files. */
export function certificateTargets(
  hostsFiles: readonly HostsFileInput[],
  resolvePath: (path: string, relativeTo: string) => string,
): CertificateTargets {
  const files = new Set<string>();
  const mirrors = new Map<string, MirrorTarget>();

  for (const hosts of hostsFiles) {
    const view = viewHosts(hosts);
    if (!view) {
      continue;
    }
    const base = dirname(hosts.document.file);
    for (const settings of settingsWithFiles(view)) {
      const caFiles = settings.ca.map((path) => resolvePath(path, base));
      caFiles.forEach((file) => files.add(file));
      settings.client.forEach((pair) => files.add(resolvePath(pair.cert, base)));

      const isMirror = settings.tablePath.length > 0;
      if (!isMirror || settings.parsed.scheme !== 'https') {
        continue;
      }
      const match = settings.parsed.hostPort.match(/^\[?([^\]]+?)\]?(?::(\d+))?$/);
      const host = match?.[1] ?? settings.parsed.host;
      const port = Number(match?.[2] ?? 443);
      const label = `${host.includes(':') ? `[${host}]` : host}:${port}`;
      const existing = mirrors.get(label);
      if (existing) {
        existing.caFiles.push(...caFiles.filter((file) => !existing.caFiles.includes(file)));
      } else {
        mirrors.set(label, { label, host, port, caFiles });
      }
    }
  }
  return { files: [...files], mirrors: [...mirrors.values()] };
}
