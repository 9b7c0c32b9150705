import { KubeConfig } from '@kubernetes/client-node';
import { kubeError } from './errors.js';

/**
 * Connection to the Kubernetes API. Every source yields a real KubeConfig, so the
 * fake API server in tests and a real cluster go through the same client code.
 */
export interface KubeSource {
  /** Names the source in logs, never with credentials. */
  readonly description: string;
  kubeConfig(): KubeConfig;
}

/** Connects with the pod's service account, as a collector deployed in the cluster does. */
export function inClusterSource(): KubeSource {
  return {
    description: 'in-cluster service account',
    kubeConfig: () => {
      const config = new KubeConfig();
      try {
        config.loadFromCluster();
      } catch (err) {
        throw kubeError('GW_KUBE_CONFIG', { source: 'in-cluster service account', reason: err }, err);
      }
      return config;
    },
  };
}

/** Connects with a kubeconfig file and its current context. */
export function kubeconfigFileSource(file: string): KubeSource {
  return {
    description: `kubeconfig ${file}`,
    kubeConfig: () => {
      const config = new KubeConfig();
      try {
        config.loadFromFile(file);
      } catch (err) {
        throw kubeError('GW_KUBE_CONFIG', { source: file, reason: err }, err);
      }
      return config;
    },
  };
}

/** Connects to a plain-HTTP API server on loopback without authentication, such as the fake API server in tests. */
export function plainUrlSource(server: string): KubeSource {
  if (!server.startsWith('http://127.') && !server.startsWith('http://[::1]') && !server.startsWith('http://localhost')) {
    throw kubeError('GW_KUBE_CONFIG', { source: server, reason: 'a plain-HTTP API server must be on loopback' });
  }
  return {
    description: `API server ${server}`,
    kubeConfig: () => {
      const config = new KubeConfig();
      // client-node rejects http:// servers unless skipTLSVerify is set; there is no TLS to verify.
      config.loadFromOptions({
        clusters: [{ name: 'plain', server, skipTLSVerify: true }],
        users: [{ name: 'anonymous' }],
        contexts: [{ name: 'plain', cluster: 'plain', user: 'anonymous' }],
        currentContext: 'plain',
      });
      return config;
    },
  };
}
