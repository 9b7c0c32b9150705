import { parseImageRef } from '../../core/image-ref.js';

/** A candidate image reduced to what matching needs. */
export interface ImageKey {
  /** The reference as written. */
  text: string;
  /** `registry/repository`, normalised. */
  repository: string | null;
  /** `registry/repository:tag`, normalised, or null for digest-only references. */
  named: string | null;
  digest: string | null;
}

const DIGEST = /sha256:[0-9a-f]{64}/;

/** Normalises one reference for matching; this is the only place that parses references. */
export function imageKey(text: string): ImageKey {
  const ref = parseImageRef(text.trim());
  if (ref === null) {
    return { text, repository: null, named: null, digest: DIGEST.exec(text)?.[0] ?? null };
  }
  const repository = `${ref.registry}/${ref.repository}`;
  return { text, repository, named: ref.tag === null ? null : `${repository}:${ref.tag}`, digest: ref.digest };
}

/**
 * Finds the candidate an image matches, by normalised name and tag or by digest. The digest
 * may come from the pod spec or from the container status imageID (`repo@sha256:...`).
 * A digest match ignores the repository, because the same content under another name is still
 * the content being deleted.
 */
export function matchImage(candidates: readonly ImageKey[], image: string, imageId?: string | null): ImageKey | null {
  const used = imageKey(image);
  const runningDigest = imageId ? (DIGEST.exec(imageId)?.[0] ?? null) : null;
  for (const candidate of candidates) {
    if (candidate.named !== null && used.named !== null && candidate.named === used.named) {
      return candidate;
    }
    if (candidate.digest !== null && (candidate.digest === used.digest || candidate.digest === runningDigest)) {
      return candidate;
    }
  }
  return null;
}
