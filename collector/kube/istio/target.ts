import type { V1Deployment } from '@kubernetes/client-node';
import { compareVersions, comparableVersion, imageTag } from './version.js';

/**
 * The Istio version the data plane should run: the configured one when set, otherwise the
 * newest istiod `discovery` image among istiod Deployments (during a canary upgrade the
 * newest revision is the target). Null when neither is known.
 */
export function targetIstioVersion(deployments: readonly V1Deployment[], configured: string | null): string | null {
  if (configured !== null) {
    return comparableVersion(configured);
  }
  const versions: string[] = [];
  for (const deployment of deployments) {
    if (!isIstiod(deployment)) {
      continue;
    }
    const discovery = deployment.spec?.template.spec?.containers.find((container) => container.name === 'discovery');
    const tag = imageTag(discovery?.image ?? '');
    if (tag !== null) {
      versions.push(comparableVersion(tag));
    }
  }
  versions.sort(compareVersions);
  return versions.at(-1) ?? null;
}

function isIstiod(deployment: V1Deployment): boolean {
  const labels = deployment.metadata?.labels ?? {};
  return labels['app'] === 'istiod' || (deployment.metadata?.name ?? '').startsWith('istiod');
}
