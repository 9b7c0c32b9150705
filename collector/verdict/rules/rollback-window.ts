import type { V1Deployment } from '@kubernetes/client-node';
import { toEpochMs } from '../../kube/cluster-snapshot.js';
import { imageKey, matchImage, type ImageKey } from '../image-match.js';
import { podImages, specImages } from '../pod-images.js';
import type { Reason, VerdictInput, VerdictRule } from '../types.js';

/**
 * The rollback window since version N was fully rolled out has not passed. N's rollout time is
 * the newest of: the Deployment `Progressing` condition with reason `NewReplicaSetAvailable`,
 * and the start time of pods running N (covers StatefulSets and DaemonSets).
 * NOTE: when nothing in the cluster uses N, there is nothing to roll back from and this clears.
 */
export const rollbackWindow: VerdictRule = (input) => {
  const keep = input.candidate.keep.map(imageKey);
  const rolledOutAt = rolloutTime(input, keep);
  if (rolledOutAt === null) {
    return [];
  }

  const endsAt = rolledOutAt + input.windows.rollbackMs;
  if (input.now >= endsAt) {
    return [];
  }
  const hours = Math.ceil((endsAt - input.now) / 3_600_000);
  return [
    {
      rule: 'rollback-window',
      severity: 'unsafe',
      message: `version N finished rolling out at ${new Date(rolledOutAt).toISOString()}; the rollback window ends in about ${hours} h at ${new Date(endsAt).toISOString()}`,
      objects: [],
    },
  ];
};

function rolloutTime(input: VerdictInput, keep: readonly ImageKey[]): number | null {
  let newest: number | null = null;
  const consider = (at: number | null) => {
    if (at !== null && (newest === null || at > newest)) {
      newest = at;
    }
  };

  for (const deployment of input.cluster.deployments) {
    if (specImages(deployment.spec?.template.spec).some((used) => matchImage(keep, used.image) !== null)) {
      consider(newReplicaSetAvailableAt(deployment));
    }
  }
  for (const pod of input.cluster.pods) {
    if (podImages(pod).some((used) => matchImage(keep, used.image, used.imageId) !== null)) {
      consider(toEpochMs(pod.status?.startTime as Date | string | undefined));
    }
  }
  return newest;
}

function newReplicaSetAvailableAt(deployment: V1Deployment): number | null {
  const condition = (deployment.status?.conditions ?? []).find(
    (entry) => entry.type === 'Progressing' && entry.reason === 'NewReplicaSetAvailable',
  );
  return toEpochMs(condition?.lastUpdateTime as Date | string | undefined);
}
