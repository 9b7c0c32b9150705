import type { V1Pod } from '@kubernetes/client-node';
import { imageKey, matchImage } from '../image-match.js';
import { podImages } from '../pod-images.js';
import type { Reason, VerdictRule } from '../types.js';
import { countOf } from './count-noun.js';

export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

// Pause/sandbox images run under every pod but never appear in a pod spec, so no other rule finds them.
const SANDBOX_REPOSITORY = /(^|\/)(pause|pause-[a-z0-9]+)$/;

/**
 * Pause/sandbox images, static-pod images (mirror pods) and configured patterns are never
 * deleted: a node restart needs them before the API server is even reachable.
 */
export const protectedImages: VerdictRule = (input) => {
  const objects: Reason['objects'] = [];
  const staticPods = input.cluster.pods.filter(isMirrorPod);

  for (const text of input.candidate.delete) {
    const key = imageKey(text);
    if (key.repository !== null && SANDBOX_REPOSITORY.test(key.repository)) {
      objects.push({ kind: 'Image', namespace: null, name: 'pause/sandbox image', node: null, image: text });
      continue;
    }
    const pattern = input.protectedImages.find((glob) => globMatches(glob, key.named ?? text));
    if (pattern !== undefined) {
      objects.push({ kind: 'Image', namespace: null, name: `protected pattern ${pattern}`, node: null, image: text });
      continue;
    }
    for (const pod of staticPods) {
      if (podImages(pod).some((used) => matchImage([key], used.image, used.imageId) !== null)) {
        objects.push({ kind: 'Pod', namespace: pod.metadata?.namespace ?? null, name: pod.metadata?.name ?? '', node: pod.spec?.nodeName ?? null, image: text });
      }
    }
  }

  if (objects.length === 0) {
    return [];
  }
  // Several static pods may use one image, so count images, not objects.
  const images = new Set(objects.map((object) => object.image)).size;
  const message = `${countOf(images, 'image to delete is', 'images to delete are')} protected (pause/sandbox, static pod or configured)`;
  return [{ rule: 'protected-images', severity: 'unsafe', message, objects }];
};

function isMirrorPod(pod: V1Pod): boolean {
  return (pod.metadata?.annotations ?? {})[MIRROR_POD_ANNOTATION] !== undefined;
}

/** Matches `*` as any run of characters; everything else is literal. */
function globMatches(glob: string, text: string): boolean {
  const escaped = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(text);
}
