import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { comparableVersion, imageTag } from './version.js';

export const DATA_PLANE_MODES = ['sidecar', 'native-sidecar', 'ztunnel', 'waypoint'] as const;
export type DataPlaneMode = (typeof DATA_PLANE_MODES)[number];

export const WAYPOINT_LABEL = 'gateway.istio.io/managed';
export const WAYPOINT_LABEL_VALUE = 'istio.io-mesh-controller';

/** One Istio data-plane proxy found in a pod. */
export interface DataPlanePod {
  namespace: string;
  name: string;
  node: string | null;
  mode: DataPlaneMode;
  container: string;
  image: string;
  /** Release from the image tag with vendor suffixes dropped; `unknown` for digest-only images. */
  version: string;
  /** Running image digest from the container status imageID, when the kubelet reported one. */
  digest: string | null;
}

/** Finds every istio-proxy sidecar, native sidecar, ztunnel and waypoint proxy in the pods. */
export function findDataPlanePods(pods: readonly V1Pod[]): DataPlanePod[] {
  const found: DataPlanePod[] = [];
  for (const pod of pods) {
    const entry = classifyPod(pod);
    if (entry !== null) {
      found.push(entry);
    }
  }
  return found;
}

function classifyPod(pod: V1Pod): DataPlanePod | null {
  const labels = pod.metadata?.labels ?? {};
  const spec = pod.spec;
  if (spec === undefined) {
    return null;
  }

  const proxy = spec.containers.find((container) => container.name === 'istio-proxy');
  const nativeProxy = (spec.initContainers ?? []).find(
    (container) => container.name === 'istio-proxy' && container.restartPolicy === 'Always',
  );
  const ztunnel = spec.containers.find((container) => container.name === 'istio-proxy' || container.name === 'ztunnel');

  if (labels[WAYPOINT_LABEL] === WAYPOINT_LABEL_VALUE && proxy !== undefined) {
    return entryFor(pod, 'waypoint', proxy.name, proxy.image ?? '', pod.status?.containerStatuses);
  }
  if (isZtunnel(pod) && ztunnel !== undefined) {
    return entryFor(pod, 'ztunnel', ztunnel.name, ztunnel.image ?? '', pod.status?.containerStatuses);
  }
  if (nativeProxy !== undefined) {
    return entryFor(pod, 'native-sidecar', nativeProxy.name, nativeProxy.image ?? '', pod.status?.initContainerStatuses);
  }
  if (proxy !== undefined) {
    return entryFor(pod, 'sidecar', proxy.name, proxy.image ?? '', pod.status?.containerStatuses);
  }
  return null;
}

// The ztunnel chart labels its DaemonSet pods app=ztunnel; the image is `.../ztunnel:<version>`.
function isZtunnel(pod: V1Pod): boolean {
  const labels = pod.metadata?.labels ?? {};
  if (labels['app'] === 'ztunnel' || labels['app.kubernetes.io/name'] === 'ztunnel') {
    return true;
  }
  return (pod.spec?.containers ?? []).some((container) => /\/ztunnel[:@]/.test(container.image ?? ''));
}

function entryFor(
  pod: V1Pod,
  mode: DataPlaneMode,
  container: string,
  image: string,
  statuses: readonly V1ContainerStatus[] | undefined,
): DataPlanePod {
  const tag = imageTag(image);
  const imageId = statuses?.find((status) => status.name === container)?.imageID ?? '';
  const digest = /sha256:[0-9a-f]{64}/.exec(imageId)?.[0] ?? null;
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    node: pod.spec?.nodeName ?? null,
    mode,
    container,
    image,
    version: tag === null ? 'unknown' : comparableVersion(tag),
    digest,
  };
}
