import { defineErrors } from '../../core/errors.js';

export const kubeError = defineErrors({
  GW_KUBE_CONFIG: {
    message: 'cannot load Kubernetes credentials from {source}: {reason}',
    fix: 'run the collector in a pod with a service account, or pass a readable kubeconfig file',
  },
  GW_KUBE_LIST_PAGES: {
    message: 'listing {kind} failed after {attempts} attempts because the continue token expired each time',
    fix: 'raise kube.pageSize so a list needs fewer pages, or check the API server etcd compaction interval',
  },
});
