import { imageKey, matchImage } from '../image-match.js';
import { podImages } from '../pod-images.js';
import { objectOf } from '../reason-object.js';
import type { Reason, VerdictRule } from '../types.js';
import { agree, countOf } from './count-noun.js';

const FINISHED_PHASES = new Set(['Succeeded', 'Failed']);

/** A running or pending pod uses a delete image in any container, matched by tag or by running digest. */
export const runningPods: VerdictRule = (input) => {
  const candidates = input.candidate.delete.map(imageKey);
  const objects: Reason['objects'] = [];

  for (const pod of input.cluster.pods) {
    if (FINISHED_PHASES.has(pod.status?.phase ?? '')) {
      continue;
    }
    for (const used of podImages(pod)) {
      const match = matchImage(candidates, used.image, used.imageId);
      if (match !== null) {
        objects.push(objectOf('Pod', pod.metadata, pod.spec?.nodeName ?? null, match.text));
      }
    }
  }

  if (objects.length === 0) {
    return [];
  }
  return [{ rule: 'running-pods', severity: 'unsafe', message: `${countOf(objects.length, 'running or pending container', 'running or pending containers')} ${agree(objects.length, 'uses an image', 'use images')} to delete`, objects }];
};
