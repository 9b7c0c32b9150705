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

/** Stat result of one hosts.toml, or null when it did not exist, and when it was taken. */
interface CheckedFile {
  checkedAtMs: number;
  stat: { mtimeMs: number; size: number } | null;
}

const DEFAULT_DIRECTORY = '_default';
/** A file's mtime and size are checked at most this often, so a burst of pull starts costs one stat. */
const STAT_INTERVAL_MS = 1000;
/** A hosts.toml larger than this is not parsed; real ones are under a few KiB. */
const MAX_HOSTS_TOML_BYTES = 4 * 1024 * 1024;
const BROKEN_FILE_LOG_INTERVAL_MS = 10 * 60_000;

/**
 * The node's certs.d as containerd reads it: `<dir>/<namespace>/hosts.toml`, else
 * `<dir>/_default/hosts.toml`, else the namespace host alone. containerd re-reads hosts.toml on
 * every pull, so resolve checks the file's mtime and size (at most once per second per file)
 * and re-parses only on change. An edit applies to pulls that start at least a second later.
 */
export class CertsDir implements HostsResolver {
  private readonly cache = new Map<string, CachedFile>();
  private readonly checked = new Map<string, CheckedFile>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly brokenLog: RateLimitedLog;

  constructor(
    readonly dir: string,
    options: CertsDirOptions = {},
  ) {
    const clock = options.clock ?? systemClock;
    this.clock = clock;
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
    const stat = this.stat(file);
    if (!stat) {
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

  /** Stats a file, reusing a result younger than STAT_INTERVAL_MS; null when it does not exist. */
  private stat(file: string): CheckedFile['stat'] {
    const now = this.clock.now();
    const previous = this.checked.get(file);
    if (previous && now - previous.checkedAtMs < STAT_INTERVAL_MS && now >= previous.checkedAtMs) {
      return previous.stat;
    }

    let stat: CheckedFile['stat'];
    try {
      const info = statSync(file);
      stat = { mtimeMs: info.mtimeMs, size: info.size };
    } catch {
      stat = null;
    }
    this.checked.set(file, { checkedAtMs: now, stat });
    return stat;
  }

  private parse(file: string, namespace: string): NamespaceHosts['hosts'] | null {
    let text: string;
    try {
      // A FIFO would block the event loop and a device would never end, so only regular files are read.
      const info = statSync(file);
      if (!info.isFile() || info.size > MAX_HOSTS_TOML_BYTES) {
        throw new Error(info.isFile() ? `larger than ${MAX_HOSTS_TOML_BYTES} bytes` : 'not a regular file');
      }
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
