import { comparableVersion } from '../../kube/istio/version.js';
import { imageKey, type ImageKey } from '../image-match.js';
import type { Reason, VerdictRule } from '../types.js';

/**
 * An istio-proxy, ztunnel or waypoint runs the version of a delete image: same repository and
 * the same release once vendor suffixes are dropped, or the same running digest. This catches
 * `proxyv2:1.24.0-distroless` running when `proxyv2:1.24.0` is to be deleted.
 */
export const istioDataPlane: VerdictRule = (input) => {
  const candidates = input.candidate.delete.map(imageKey);
  const objects: Reason['objects'] = [];

  for (const entry of input.dataPlane) {
    const used = imageKey(entry.image);
    const match = candidates.find((candidate) => sameRelease(candidate, used) || (candidate.digest !== null && candidate.digest === entry.digest));
    if (match !== undefined) {
      objects.push({ kind: `Pod (${entry.mode})`, namespace: entry.namespace, name: entry.name, node: entry.node, image: match.text });
    }
  }

  if (objects.length === 0) {
    return [];
  }
  return [{ rule: 'istio-data-plane', severity: 'unsafe', message: `${objects.length} Istio proxies run a version to delete`, objects }];
};

function sameRelease(candidate: ImageKey, used: ImageKey): boolean {
  if (candidate.repository === null || candidate.repository !== used.repository) {
    return false;
  }
  const candidateTag = tagOf(candidate);
  const usedTag = tagOf(used);
  return candidateTag !== null && usedTag !== null && comparableVersion(candidateTag) === comparableVersion(usedTag);
}

function tagOf(key: ImageKey): string | null {
  return key.named === null ? null : key.named.slice(key.named.lastIndexOf(':') + 1);
}
