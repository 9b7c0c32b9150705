import { parseQualifiedName } from '@swimlane/docker-reference';

/** An image reference normalised the way containerd's CRI plugin normalises it. */
export interface ImageRef {
  /** Registry host as containerd's `ns=` names it: `docker.io`, `registry.example:5000`. */
  registry: string;
  /** Path inside the registry, `library/nginx`. */
  repository: string;
  tag: string | null;
  /** `sha256:...`, or null. */
  digest: string | null;
  /** Full normalised reference, `docker.io/library/nginx:stable`. */
  normalized: string;
}

const DOCKER_HUB = 'docker.io';

/**
 * Normalises an image reference: `nginx:stable` becomes `docker.io/library/nginx:stable`, a
 * reference without tag or digest gets `:latest`, `index.docker.io` becomes `docker.io`. The first
 * path component is a registry when it has a `.` or `:` or is `localhost`, as in Docker's rules.
 * Returns null for text that is not a valid reference.
 */
export function parseImageRef(text: string): ImageRef | null {
  if (text.length === 0 || text.length > 1024 || /\s/.test(text)) {
    return null;
  }

  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : null;
  const named = at >= 0 ? text.slice(0, at) : text;

  const lastSlash = named.lastIndexOf('/');
  const lastColon = named.lastIndexOf(':');
  const tag = lastColon > lastSlash ? named.slice(lastColon + 1) : null;
  const name = lastColon > lastSlash ? named.slice(0, lastColon) : named;

  const firstSlash = name.indexOf('/');
  const first = firstSlash >= 0 ? name.slice(0, firstSlash) : '';
  const hasRegistry = firstSlash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first.toLowerCase() : DOCKER_HUB;
  let repository = hasRegistry ? name.slice(firstSlash + 1) : name;

  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') {
    registry = DOCKER_HUB;
  }
  if (registry === DOCKER_HUB && !repository.includes('/')) {
    repository = `library/${repository}`;
  }

  if (!isValidPath(repository, tag, digest) || !/^[A-Za-z0-9._\-[\]:]+$/.test(registry)) {
    return null;
  }

  const effectiveTag = tag ?? (digest === null ? 'latest' : null);
  return {
    registry,
    repository,
    tag: effectiveTag,
    digest,
    normalized: formatRef(registry, repository, effectiveTag, digest),
  };
}

/** Returns the reference without its digest, for metric labels where digests would explode cardinality. */
export function withoutDigest(ref: ImageRef): string {
  if (ref.digest === null) {
    return ref.normalized;
  }
  return `${ref.registry}/${ref.repository}${ref.tag === null ? '' : `:${ref.tag}`}`;
}

/** Normalises a reference, or returns the text unchanged when it does not parse. */
export function normalizeImageRef(text: string): string {
  return parseImageRef(text)?.normalized ?? text;
}

function formatRef(registry: string, repository: string, tag: string | null, digest: string | null): string {
  return `${registry}/${repository}${tag === null ? '' : `:${tag}`}${digest === null ? '' : `@${digest}`}`;
}

/** Checks repository, tag and digest syntax with the distribution reference grammar. */
function isValidPath(repository: string, tag: string | null, digest: string | null): boolean {
  try {
    // The grammar's domain rules reject some real hosts (underscores), so only the path is checked.
    parseQualifiedName(`${repository}${tag === null ? '' : `:${tag}`}${digest === null ? '' : `@${digest}`}`);
    return true;
  } catch {
    return false;
  }
}
