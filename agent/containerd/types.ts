import type { PullRecord } from '../../wire/pull.js';

/**
 * One log line handed to the tracker by a source. `position` is an opaque resume token:
 * restarting the source from it re-reads everything after this line (a journal cursor
 * for journald, a byte offset for files).
 */
export interface SourceLine {
  text: string;
  position: string;
}

/** One upstream host as containerd would try it for a namespace, in order. */
export interface RegistryHost {
  /** `host[:port]` as containerd logs it in `host=`. */
  host: string;
  /** Full URL prefix from hosts.toml, `https://mirror.internal:5000/v2/proxy`. */
  url: string;
  /** `mirror` for `[host."..."]` tables, `upstream` for `server`. */
  role: 'mirror' | 'upstream';
  capabilities: ReadonlyArray<'pull' | 'resolve' | 'push'>;
}

/** The hosts containerd tries for one registry namespace, from the node's certs.d. */
export interface NamespaceHosts {
  namespace: string;
  /** Mirrors in file order, then the upstream server last. */
  hosts: readonly RegistryHost[];
  /** Origin of the list: the namespace's own directory, `_default`, or nothing (direct pull). */
  source: 'directory' | 'default' | 'none';
  /** hosts.toml path the list was read from, or null. */
  file: string | null;
}

/** Narrow view of certs.d the tracker needs; `CertsDir` implements it, tests pass literals. */
export interface HostsResolver {
  resolve(namespace: string): NamespaceHosts;
}

/** Counters the tracker keeps for the agent's own metrics. */
export interface TrackerStats {
  lines: number;
  /** Lines that were not containerd log lines at all (garbled, truncated). */
  malformedLines: number;
  /** Well-formed lines unrelated to pulls. */
  ignoredLines: number;
  /** `trying next host` lines that matched more than one in-flight pull. */
  ambiguousLines: number;
  /** Host failure lines that matched no in-flight pull (the excerpt starts mid-pull, or a pull had no log line). */
  unattributedLines: number;
  pullsStarted: number;
  pullsCompleted: number;
}

/** Contract the agent runtime and the `pulls` command rely on. */
export interface PullTrackerApi {
  /** Feeds one line; returns pull records that this line completed. */
  push(line: SourceLine): PullRecord[];
  /** Abandons in-flight pulls whose last line is older than the timeout at `nowMs`. */
  expire(nowMs: number): PullRecord[];
  /** Ends the input: every pull still in flight becomes `abandoned`. */
  flush(): PullRecord[];
  /**
   * Position to restart from so that no in-flight pull loses its first line: the position
   * before the oldest in-flight pull's first line, or the last line's position when none is
   * in flight; null before any line.
   */
  resumePosition(): string | null;
  readonly stats: Readonly<TrackerStats>;
}
