import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../core/clock.js';
import { RateLimitedLog, silentLogger, type Logger } from '../../core/log.js';
import { containerdError } from './errors.js';
import { defaultUpstream, parseHostsToml } from './hosts-toml.js';
import type { HostsResolver, NamespaceHosts } from './types.js';

export interface CertsDirOptions {
  logger?: Logger;
  clock?: Clock;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  /** Parsed hosts, or null when containerd would drop the file. */
  hosts: NamespaceHosts['hosts'] | null;
}

const DEFAULT_DIRECTORY = '_default';
const BROKEN_FILE_LOG_INTERVAL_MS = 10 * 60_000;

/**
 * The node's certs.d as containerd reads it: `<dir>/<namespace>/hosts.toml`, else
 * `<dir>/_default/hosts.toml`, else the namespace host alone. containerd re-reads hosts.toml on
 * every pull, so each resolve checks the file's mtime and size and re-parses only on change.
 */
export class CertsDir implements HostsResolver {
  private readonly cache = new Map<string, CachedFile>();
  private readonly logger: Logger;
  private readonly brokenLog: RateLimitedLog;

  constructor(
    readonly dir: string,
    options: CertsDirOptions = {},
  ) {
    const clock = options.clock ?? systemClock;
    this.logger = (options.logger ?? silentLogger()).child({ component: 'certsd', certsDir: dir });
    this.brokenLog = new RateLimitedLog(BROKEN_FILE_LOG_INTERVAL_MS, () => clock.now());
  }

  /** Throws GW_CERTSD_UNREADABLE when the directory cannot be listed. */
  assertReadable(): void {
    try {
      readdirSync(this.dir);
    } catch (err) {
      throw containerdError('GW_CERTSD_UNREADABLE', { dir: this.dir, reason: (err as Error).message }, err);
    }
  }

  resolve(namespace: string): NamespaceHosts {
    const own = join(this.dir, namespace, 'hosts.toml');
    const ownHosts = this.read(own, namespace);
    if (ownHosts !== undefined) {
      return ownHosts === null ? this.direct(namespace) : { namespace, hosts: ownHosts, source: 'directory', file: own };
    }

    const fallback = join(this.dir, DEFAULT_DIRECTORY, 'hosts.toml');
    const defaultHosts = this.read(fallback, namespace);
    if (defaultHosts) {
      return { namespace, hosts: defaultHosts, source: 'default', file: fallback };
    }
    return this.direct(namespace);
  }

  private direct(namespace: string): NamespaceHosts {
    return { namespace, hosts: [defaultUpstream(namespace)], source: 'none', file: null };
  }

  /** undefined: no such file; null: a broken file containerd drops; else the hosts. */
  private read(file: string, namespace: string): NamespaceHosts['hosts'] | null | undefined {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      this.cache.delete(`${file}\n${namespace}`);
      return undefined;
    }

    // The parse depends on the namespace (default server), so the cache key includes it.
    const key = `${file}\n${namespace}`;
    const cached = this.cache.get(key);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      return cached.hosts;
    }

    const hosts = this.parse(file, namespace);
    this.cache.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, hosts });
    return hosts;
  }

  private parse(file: string, namespace: string): NamespaceHosts['hosts'] | null {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      this.brokenLog.run(file, (suppressed) =>
        this.logger.warn({ err, file, suppressed }, 'cannot read hosts.toml; treating the namespace as having no mirrors'),
      );
      return null;
    }

    const result = parseHostsToml(text, namespace);
    if (!result.ok) {
      this.brokenLog.run(file, (suppressed) =>
        this.logger.warn(
          { file, reason: result.reason, suppressed },
          'hosts.toml is invalid and containerd ignores all of it; pulls go straight to the namespace host until it is fixed',
        ),
      );
      return null;
    }

    this.logger.debug({ file, hosts: result.hosts.map((host) => host.host) }, 'read hosts.toml');
    return result.hosts;
  }
}
