import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { FastifyPluginAsync } from 'fastify';
import type { ClusterView } from '../kube/cluster-view.js';
import { findDataPlanePods } from '../kube/istio/data-plane.js';
import { isStale } from '../kube/istio/stale.js';
import { targetIstioVersion } from '../kube/istio/target.js';

export interface IstioRoutesOptions {
  clusterView?: Pick<ClusterView, 'list' | 'statuses'>;
  /** Configured target version; null reads it from istiod's image. */
  istioTargetVersion?: string | null;
}

/** `GET /api/v1/istio/stale`: proxies running a version other than the target. */
export const istioRoutes: FastifyPluginAsync<IstioRoutesOptions> = async (app, options) => {
  const view = options.clusterView;
  if (view === undefined) {
    app.log.warn('Istio routes not registered: the collector config has no kube section');
    return;
  }

  app.get('/api/v1/istio/stale', async () => {
    const pods = view.list('Pod') as readonly V1Pod[];
    const target = targetIstioVersion(view.list('Deployment') as readonly V1Deployment[], options.istioTargetVersion || null);
    const stale = findDataPlanePods(pods)
      .filter((entry) => isStale(entry, target))
      .map(({ namespace, name, node, version, mode }) => ({ namespace, name, node, version, mode }));

    const statuses = view.statuses();
    return { target, complete: statuses.Pod.state === 'synced' && statuses.Deployment.state === 'synced', pods: stale };
  });
};
