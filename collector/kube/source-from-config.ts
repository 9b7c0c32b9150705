import type { KubeConfig } from './config.js';
import { kubeError } from './errors.js';
import { inClusterSource, kubeconfigFileSource, plainUrlSource, type KubeSource } from './kube-source.js';

/** Picks the Kubernetes connection the `kube` config section names. */
export function kubeSourceFromConfig(config: KubeConfig): KubeSource {
  switch (config.source) {
    case 'in-cluster':
      return inClusterSource();
    case 'kubeconfig':
      if (!config.kubeconfigPath) {
        throw kubeError('GW_KUBE_CONFIG', { source: 'kube.source=kubeconfig', reason: 'kube.kubeconfigPath is missing; set it to the kubeconfig file' });
      }
      return kubeconfigFileSource(config.kubeconfigPath);
    case 'url':
      if (!config.url) {
        throw kubeError('GW_KUBE_CONFIG', { source: 'kube.source=url', reason: 'kube.url is missing; set it to a loopback http:// API server' });
      }
      return plainUrlSource(config.url);
  }
}
