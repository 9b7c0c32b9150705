import type { V1ObjectMeta, V1PodSpec } from '@kubernetes/client-node';
import { imageKey, matchImage } from '../image-match.js';
import { specImages } from '../pod-images.js';
import { objectOf } from '../reason-object.js';
import type { Reason, VerdictInput, VerdictRule } from '../types.js';
import { agree, countOf } from './count-noun.js';

interface Template {
  kind: string;
  metadata: V1ObjectMeta | undefined;
  spec: V1PodSpec | undefined;
  node: string | null;
}

/**
 * A workload template would pull a delete image on the next reschedule. ReplicaSets count only
 * with replicas above zero (old revisions are kept at zero); CronJobs count even when suspended,
 * because resuming them pulls. Bare pods (no owner) count whatever their phase.
 */
export const workloadTemplates: VerdictRule = (input) => {
  const candidates = input.candidate.delete.map(imageKey);
  const objects: Reason['objects'] = [];

  for (const template of templates(input)) {
    for (const used of specImages(template.spec)) {
      const match = matchImage(candidates, used.image);
      if (match !== null) {
        objects.push(objectOf(template.kind, template.metadata, template.node, match.text));
      }
    }
  }

  if (objects.length === 0) {
    return [];
  }
  return [{ rule: 'workload-templates', severity: 'unsafe', message: `${countOf(objects.length, 'workload template', 'workload templates')} would pull ${agree(objects.length, 'an image', 'images')} to delete`, objects }];
};

function templates(input: VerdictInput): Template[] {
  const cluster = input.cluster;
  const found: Template[] = [];
  for (const item of cluster.deployments) {
    found.push({ kind: 'Deployment', metadata: item.metadata, spec: item.spec?.template.spec, node: null });
  }
  for (const item of cluster.statefulSets) {
    found.push({ kind: 'StatefulSet', metadata: item.metadata, spec: item.spec?.template.spec, node: null });
  }
  for (const item of cluster.daemonSets) {
    found.push({ kind: 'DaemonSet', metadata: item.metadata, spec: item.spec?.template.spec, node: null });
  }
  for (const item of cluster.replicaSets) {
    if ((item.spec?.replicas ?? 1) > 0) {
      found.push({ kind: 'ReplicaSet', metadata: item.metadata, spec: item.spec?.template?.spec, node: null });
    }
  }
  for (const item of cluster.jobs) {
    found.push({ kind: 'Job', metadata: item.metadata, spec: item.spec?.template.spec, node: null });
  }
  for (const item of cluster.cronJobs) {
    found.push({ kind: 'CronJob', metadata: item.metadata, spec: item.spec?.jobTemplate.spec?.template.spec, node: null });
  }
  for (const pod of cluster.pods) {
    if ((pod.metadata?.ownerReferences ?? []).length === 0) {
      found.push({ kind: 'Pod', metadata: pod.metadata, spec: pod.spec, node: pod.spec?.nodeName ?? null });
    }
  }
  return found;
}
