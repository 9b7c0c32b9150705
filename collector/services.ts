import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { AuthMetrics } from './auth/auth-metrics.js';
import type { CollectorAuth } from './auth/collector-auth.js';
import type { CollectorConfig } from './config.js';
import type { ClusterView } from './kube/cluster-view.js';
import type { CollectorMetrics } from './metrics/collector-metrics.js';
import type { CollectorStore } from './store/types.js';
import type { VerdictService } from './verdict/service.js';

/**
 * Services passed to every route plugin. Areas that need more add a field here and
 * construct it in main.ts; plugins whose service is absent register no routes.
 */
export interface CollectorServices {
  config: CollectorConfig;
  store: CollectorStore;
  metrics: CollectorMetrics;
  logger: Logger;
  clock: Clock;
  /** Kubernetes cluster view for the Istio routes; absent when no cluster is configured. */
  clusterView?: Pick<ClusterView, 'list' | 'statuses'>;
  /** Istio version data-plane proxies should run; null reads it from istiod's image. */
  istioTargetVersion?: string | null;
  verdictService?: VerdictService;
  /** Credential checks; absent leaves every route open, as without an `auth` section. */
  auth?: CollectorAuth;
  authMetrics?: AuthMetrics;
}
