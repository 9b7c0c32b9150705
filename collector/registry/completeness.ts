import { isGapwatchError } from '../../core/errors.js';
import { RateLimitedLog, silentLogger, type Logger } from '../../core/log.js';
import type { RegistryClient } from './client.js';
import { formatPlatform, parseManifest, type Descriptor } from './manifest.js';

/** One image to check, already rewritten to the registry the client talks to. */
export interface ImageTarget {
  /** The reference as the user listed it, for reports. */
  image: string;
  repository: string;
  tag: string | null;
  digest: string | null;
}

export interface ErrorSummary {
  code: string;
  message: string;
}

export interface PlatformResult {
  /** `linux/amd64`, or `single` for an image manifest outside an index. */
  platform: string;
  digest: string;
  /** True when the manifest, its config and every layer resolve by digest. */
  resolves: boolean;
  error?: ErrorSummary;
}

/**
 * complete: every platform resolves by digest. incomplete: a platform, config or layer is
 * missing. missing: the image itself is not there. mismatch: a digest differs from the one
 * listed. error: the registry could not be asked (connection, TLS, auth), so nothing is proven.
 */
export type ImageStatus = 'complete' | 'incomplete' | 'missing' | 'mismatch' | 'error';

export interface ImageResult {
  image: string;
  repository: string;
  status: ImageStatus;
  /** Digest the reference resolved to, or null when it did not resolve. */
  digest: string | null;
  platforms: PlatformResult[];
  error?: ErrorSummary;
}

// Codes that mean the registry could not be queried, as opposed to a response about the image.
const ACCESS_ERRORS = new Set([
  'GW_REGISTRY_UNREACHABLE',
  'GW_REGISTRY_TIMEOUT',
  'GW_REGISTRY_TLS',
  'GW_REGISTRY_UNAUTHORIZED',
  'GW_REGISTRY_FORBIDDEN',
  'GW_REGISTRY_TOKEN_FAILED',
]);

export interface CheckOptions {
  logger?: Logger;
  /** Images checked at the same time. */
  concurrency?: number;
}

/**
 * Checks that each image is completely in the registry: the reference resolves, every platform
 * of an index resolves by its own digest, and each platform's config and layers exist. A tag
 * returning 200 is not taken as proof. When a target has both a tag and a digest, the tag must
 * point at that digest.
 */
export async function checkImagesComplete(targets: ImageTarget[], client: RegistryClient, options: CheckOptions = {}): Promise<ImageResult[]> {
  const log = (options.logger ?? silentLogger()).child({ registry: client.baseUrl });
  const limiter = new RateLimitedLog(60_000);
  const results: ImageResult[] = new Array(targets.length);
  let next = 0;

  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index] as ImageTarget;
      results[index] = await checkImage(target, client);
      const error = results[index]?.error;
      if (error) {
        limiter.run(error.code, (suppressed) => log.warn({ image: target.image, code: error.code, suppressed, err: error.message }, 'image check failed'));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return results;
}

async function checkImage(target: ImageTarget, client: RegistryClient): Promise<ImageResult> {
  const base = { image: target.image, repository: target.repository };
  const reference = target.digest ?? target.tag ?? 'latest';

  let manifest;
  try {
    manifest = await client.getManifest(target.repository, reference);
  } catch (err) {
    return { ...base, status: statusForError(err, 'missing'), digest: null, platforms: [], error: summarize(err) };
  }

  if (target.digest !== null && target.tag !== null) {
    const tagged = await resolveTag(client, target.repository, target.tag);
    if ('error' in tagged) {
      return { ...base, status: statusForError(tagged.error, 'mismatch'), digest: manifest.digest, platforms: [], error: summarize(tagged.error) };
    }
    if (tagged.digest !== target.digest) {
      const error = { code: 'GW_REGISTRY_DIGEST_MISMATCH', message: `tag ${target.tag} points at ${tagged.digest}, expected ${target.digest}` };
      return { ...base, status: 'mismatch', digest: manifest.digest, platforms: [], error };
    }
  }

  let parsed;
  try {
    parsed = parseManifest(manifest.body, manifest.mediaType, `${client.baseUrl}/v2/${target.repository}/manifests/${reference}`);
  } catch (err) {
    return { ...base, status: 'incomplete', digest: manifest.digest, platforms: [], error: summarize(err) };
  }

  let platforms: PlatformResult[];
  if (parsed.kind === 'index') {
    platforms = [];
    for (const child of parsed.manifests) {
      platforms.push(await checkPlatform(client, target.repository, child));
    }
  } else {
    const blobs = [parsed.config, ...parsed.layers];
    platforms = [await checkBlobs(client, target.repository, 'single', manifest.digest, blobs)];
  }

  const accessError = platforms.find((p) => p.error && ACCESS_ERRORS.has(p.error.code))?.error;
  if (accessError) {
    return { ...base, status: 'error', digest: manifest.digest, platforms, error: accessError };
  }
  const complete = platforms.length > 0 && platforms.every((p) => p.resolves);
  const error = platforms.length === 0 ? { code: 'GW_REGISTRY_BAD_MANIFEST', message: 'the index lists no manifests' } : undefined;
  return { ...base, status: complete ? 'complete' : 'incomplete', digest: manifest.digest, platforms, ...(error ? { error } : {}) };
}

async function resolveTag(client: RegistryClient, repository: string, tag: string): Promise<{ digest: string } | { error: unknown }> {
  try {
    return { digest: (await client.getManifest(repository, tag)).digest };
  } catch (err) {
    return { error: err };
  }
}

async function checkPlatform(client: RegistryClient, repository: string, descriptor: Descriptor): Promise<PlatformResult> {
  const platform = formatPlatform(descriptor.platform);
  try {
    const child = await client.getManifest(repository, descriptor.digest);
    const url = `${client.baseUrl}/v2/${repository}/manifests/${descriptor.digest}`;
    const parsed = parseManifest(child.body, child.mediaType || descriptor.mediaType, url);
    if (parsed.kind === 'index') {
      // NOTE: nested indexes are rare in registries and not followed; the platform counts as unproven.
      return { platform, digest: descriptor.digest, resolves: false, error: { code: 'GW_REGISTRY_BAD_MANIFEST', message: `${url} is a nested index` } };
    }
    return await checkBlobs(client, repository, platform, descriptor.digest, [parsed.config, ...parsed.layers]);
  } catch (err) {
    return { platform, digest: descriptor.digest, resolves: false, error: summarize(err) };
  }
}

async function checkBlobs(client: RegistryClient, repository: string, platform: string, digest: string, blobs: Descriptor[]): Promise<PlatformResult> {
  for (const blob of blobs) {
    try {
      await client.headBlob(repository, blob.digest);
    } catch (err) {
      return { platform, digest, resolves: false, error: summarize(err) };
    }
  }
  return { platform, digest, resolves: true };
}

function statusForError(err: unknown, answered: ImageStatus): ImageStatus {
  if (!isGapwatchError(err)) {
    return 'error';
  }
  if (ACCESS_ERRORS.has(err.code)) {
    return 'error';
  }
  if (err.code === 'GW_REGISTRY_DIGEST_MISMATCH') {
    return 'mismatch';
  }
  return answered;
}

function summarize(err: unknown): ErrorSummary {
  if (isGapwatchError(err)) {
    return { code: err.code, message: err.message };
  }
  return { code: 'GW_UNEXPECTED', message: (err as Error)?.message ?? String(err) };
}
