import type { ImageRef } from '../../core/image-ref.js';
import type { ImageTarget } from './completeness.js';
import { registryError } from './errors.js';

/** A mirror registry: the base URL the client talks to and an optional repository prefix. */
export interface Mirror {
  /** `https://127.0.0.1:5000`, without a path. */
  baseUrl: string;
  /** Path of the mirror URL without slashes (`proxy/docker.io`), prepended to repositories. */
  prefix: string;
}

/**
 * Parses a mirror URL such as `https://127.0.0.1:5000` or `https://mirror:5000/proxy`. A path is
 * kept as a repository prefix, the way registries that group mirrored images under a project do.
 */
export function parseMirrorUrl(text: string): Mirror {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw registryError('GW_REGISTRY_MIRROR_URL', { url: text, reason: 'not a URL' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw registryError('GW_REGISTRY_MIRROR_URL', { url: text, reason: `unsupported scheme ${url.protocol}` });
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw registryError('GW_REGISTRY_MIRROR_URL', { url: text, reason: 'query, fragment and credentials are not allowed' });
  }
  const prefix = url.pathname.replace(/^\/+|\/+$/g, '').replace(/^v2(\/|$)/, '');
  return { baseUrl: url.origin, prefix };
}

/** Rewrites a reference to the mirror: the registry host is replaced, the repository path kept. */
export function toMirrorTarget(ref: ImageRef, mirror: Mirror, listed: string): ImageTarget {
  const repository = mirror.prefix === '' ? ref.repository : `${mirror.prefix}/${ref.repository}`;
  return { image: listed, repository, tag: ref.tag, digest: ref.digest };
}
