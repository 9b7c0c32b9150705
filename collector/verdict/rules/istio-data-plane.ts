import { comparableVersion } from '../../kube/istio/version.js';
import { imageKey, type ImageKey } from '../image-match.js';
import type { Reason, VerdictRule } from '../types.js';
import { agree, countOf } from './count-noun.js';

/**
 * An istio-proxy, ztunnel or waypoint runs the version of a delete image: same repository and
 * the same release once vendor suffixes are dropped, or the same running digest. This catches
 * `proxyv2:1.24.0-distroless` running when `proxyv2:1.24.0` is to be deleted.
 */
export const istioDataPlane: VerdictRule = (input) => {
  const candidates = input.candidate.delete.map(imageKey);
  const objects: Reason['objects'] = [];
  const modes = new Map<string, number>();

  for (const entry of input.dataPlane) {
    const used = imageKey(entry.image);
    const match = candidates.find((candidate) => sameRelease(candidate, used) || (candidate.digest !== null && candidate.digest === entry.digest));
    if (match !== undefined) {
      objects.push({ kind: 'Pod', namespace: entry.namespace, name: entry.name, node: entry.node, image: match.text });
      modes.set(entry.mode, (modes.get(entry.mode) ?? 0) + 1);
    }
  }

  if (objects.length === 0) {
    return [];
  }
  // The mode (sidecar, ztunnel...) goes in the message; each object stays a plain Pod.
  const byMode = [...modes].map(([mode, count]) => `${count} ${mode}`).join(', ');
  const message = `${countOf(objects.length, 'Istio proxy pod', 'Istio proxy pods')} (${byMode}) ${agree(objects.length, 'runs', 'run')} a version to delete`;
  return [{ rule: 'istio-data-plane', severity: 'unsafe', message, objects }];
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
