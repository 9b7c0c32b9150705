/** A normalised image reference split at its digest. */
export interface SplitReference {
  /** Reference without digest, `docker.io/library/nginx:1.25`. */
  name: string;
  /** `sha256:...`, or null when the reference has none. */
  digest: string | null;
}

/** Splits `name[:tag][@digest]`; the digest starts at the first `@`, which no name contains. */
export function splitDigest(reference: string): SplitReference {
  const at = reference.indexOf('@');
  if (at < 0) {
    return { name: reference, digest: null };
  }
  return { name: reference.slice(0, at), digest: reference.slice(at + 1) || null };
}
