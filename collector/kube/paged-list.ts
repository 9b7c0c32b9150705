import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import { kubeStatusCode } from './api-errors.js';
import { kubeError } from './errors.js';
import type { PageFetcher, ResourceKind } from './resources.js';

const MAX_ATTEMPTS = 3;

/**
 * Lists a collection page by page with limit/continue and returns one list carrying the
 * snapshot's resourceVersion. A 410 on a continue token means the snapshot was compacted
 * mid-list, so the whole list restarts from the first page.
 */
export async function listAllPages(
  kind: ResourceKind,
  fetchPage: PageFetcher,
  pageSize: number,
): Promise<KubernetesListObject<KubernetesObject>> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      return await listOnce(fetchPage, pageSize);
    } catch (err) {
      if (kubeStatusCode(err) !== 410) {
        throw err;
      }
    }
  }
  throw kubeError('GW_KUBE_LIST_PAGES', { kind, attempts: MAX_ATTEMPTS });
}

async function listOnce(fetchPage: PageFetcher, pageSize: number): Promise<KubernetesListObject<KubernetesObject>> {
  const items: KubernetesObject[] = [];
  let continueToken: string | undefined;
  let resourceVersion = '';

  do {
    const page = await fetchPage(continueToken === undefined ? { limit: pageSize } : { limit: pageSize, _continue: continueToken });
    for (const item of page.items) {
      items.push(item);
    }
    resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    continueToken = page.metadata?._continue || undefined;
  } while (continueToken !== undefined);

  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion }, items };
}
