import type { V1ContainerStatus, V1Pod, V1PodSpec } from '@kubernetes/client-node';

/** One image a pod spec names, with the digest its container runs when the kubelet reported it. */
export interface PodImage {
  container: string;
  image: string;
  imageId: string | null;
}

/** Images of containers, init containers and ephemeral containers of a pod spec. */
export function specImages(spec: V1PodSpec | undefined): PodImage[] {
  if (spec === undefined) {
    return [];
  }
  const all = [...spec.containers, ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  return all.map((container) => ({ container: container.name, image: container.image ?? '', imageId: null }));
}

/** Images of a running pod, each with the imageID from its container status. */
export function podImages(pod: V1Pod): PodImage[] {
  const status = pod.status;
  const statuses: V1ContainerStatus[] = [
    ...(status?.containerStatuses ?? []),
    ...(status?.initContainerStatuses ?? []),
    ...(status?.ephemeralContainerStatuses ?? []),
  ];
  return specImages(pod.spec).map((entry) => ({
    ...entry,
    imageId: statuses.find((containerStatus) => containerStatus.name === entry.container)?.imageID ?? null,
  }));
}
