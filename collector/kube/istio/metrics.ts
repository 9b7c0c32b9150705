import { Gauge, type Registry } from 'prom-client';
import type { ClusterView } from '../cluster-view.js';
import { findDataPlanePods } from './data-plane.js';
import { isStale } from './stale.js';
import { targetIstioVersion } from './target.js';

export interface IstioSettings {
  /** Target data-plane version; null reads it from istiod's image. */
  targetVersion: string | null;
}

/**
 * Registers `gapwatch_istio_proxy_pods{version,mode,stale}`. Its value is computed at scrape
 * time from the cluster view's cache, so a scrape never lists the API server.
 */
export function registerIstioMetrics(registry: Registry, view: Pick<ClusterView, 'list'>, settings: IstioSettings): void {
  new Gauge({
    name: 'gapwatch_istio_proxy_pods',
    help: 'Istio data-plane proxies (sidecar, native-sidecar, ztunnel, waypoint) by version; stale="true" when the version differs from the target.',
    labelNames: ['version', 'mode', 'stale'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const snapshotPods = view.list('Pod') as Parameters<typeof findDataPlanePods>[0];
      const target = targetIstioVersion(view.list('Deployment') as Parameters<typeof targetIstioVersion>[0], settings.targetVersion);
      for (const entry of findDataPlanePods(snapshotPods)) {
        this.inc({ version: entry.version, mode: entry.mode, stale: String(isStale(entry, target)) });
      }
    },
  });
}
