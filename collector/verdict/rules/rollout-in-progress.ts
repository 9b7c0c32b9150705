import { imageKey, matchImage } from '../image-match.js';
import { specImages } from '../pod-images.js';
import { objectOf } from '../reason-object.js';
import type { Reason, VerdictRule } from '../types.js';
import { rollingWorkloads } from '../workload-usage.js';
import { countOf } from './count-noun.js';

/**
 * A workload that uses a candidate image (to delete or to keep) is still rolling out: its
 * updated replicas differ from its replicas, or its controller has not observed the latest spec.
 */
export const rolloutInProgress: VerdictRule = (input) => {
  const candidates = [...input.candidate.delete, ...input.candidate.keep].map(imageKey);
  const objects: Reason['objects'] = [];

  for (const workload of rollingWorkloads(input.cluster)) {
    const match = specImages(workload.spec)
      .map((used) => matchImage(candidates, used.image))
      .find((found) => found !== null);
    if (match && (workload.updated !== workload.desired || !workload.observed)) {
      objects.push(objectOf(workload.kind, workload.metadata, null, match.text));
    }
  }

  if (objects.length === 0) {
    return [];
  }
  return [{ rule: 'rollout-in-progress', severity: 'unsafe', message: `${countOf(objects.length, 'workload is', 'workloads are')} still rolling out`, objects }];
};
