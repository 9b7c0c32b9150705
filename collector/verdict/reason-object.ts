import type { V1ObjectMeta } from '@kubernetes/client-node';
import type { ReasonObject } from './types.js';

/** The object behind a reason, from its kind and metadata. */
export function objectOf(kind: string, metadata: V1ObjectMeta | undefined, node: string | null, image: string | null): ReasonObject {
  return { kind, namespace: metadata?.namespace ?? null, name: metadata?.name ?? '', node, image };
}
