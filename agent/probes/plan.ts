import type { ProbePath } from './outcome.js';
import type { ProxyEndpoint } from './prober.js';
import { bypassesProxy, type ProxySettings } from './proxy-env.js';
import type { ProbeTarget } from './target.js';

/** One probe to run: a target on one path. */
export interface ProbeJob {
  /** Stable key for confirmation state: `<path> <target>`. */
  key: string;
  target: ProbeTarget;
  path: ProbePath;
  proxy?: ProxyEndpoint;
}

/**
 * Lists the jobs for a probe run: every target directly, and through the proxy too unless
 * NO_PROXY exempts it (containerd would not use the proxy for that host either).
 * Targets with the same label are probed once.
 */
export function planProbes(targets: readonly ProbeTarget[], proxy: ProxySettings | null): ProbeJob[] {
  const unique = new Map(targets.map((target) => [target.label, target]));
  const jobs: ProbeJob[] = [];
  for (const target of unique.values()) {
    jobs.push({ key: `direct ${target.label}`, target, path: 'direct' });
    if (proxy && !bypassesProxy(target, proxy.noProxy)) {
      jobs.push({ key: `proxy ${target.label}`, target, path: 'proxy', proxy: proxy.proxy });
    }
  }
  return jobs;
}
