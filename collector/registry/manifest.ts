import { registryError } from './errors.js';
import { isImageManifestMediaType, isIndexMediaType } from './media-types.js';

/** A descriptor inside a manifest or index (OCI image spec, descriptor.md). */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
}

export type ParsedManifest =
  | { kind: 'index'; mediaType: string; manifests: Descriptor[] }
  | { kind: 'image'; mediaType: string; config: Descriptor; layers: Descriptor[] };

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/**
 * Parses a manifest body. `headerType` is the Content-Type the registry sent, used when the
 * body has no `mediaType` field (allowed for OCI manifests). `url` only names the source in errors.
 */
export function parseManifest(body: Buffer, headerType: string, url: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw registryError('GW_REGISTRY_BAD_MANIFEST', { url, reason: `invalid JSON (${(err as Error).message})` }, err);
  }
  if (!isObject(json)) {
    throw registryError('GW_REGISTRY_BAD_MANIFEST', { url, reason: 'the body is not a JSON object' });
  }

  const mediaType = typeof json.mediaType === 'string' ? json.mediaType : headerType.split(';')[0]?.trim() ?? '';
  if (isIndexMediaType(mediaType) || (mediaType === '' && Array.isArray(json.manifests))) {
    const manifests = readDescriptors(json.manifests, 'manifests', url);
    return { kind: 'index', mediaType, manifests };
  }
  if (isImageManifestMediaType(mediaType) || (mediaType === '' && isObject(json.config))) {
    const config = readDescriptor(json.config, 'config', url);
    const layers = readDescriptors(json.layers, 'layers', url);
    return { kind: 'image', mediaType, config, layers };
  }
  throw registryError('GW_REGISTRY_BAD_MANIFEST', { url, reason: `unsupported media type "${mediaType}"` });
}

/** Formats a platform as `os/architecture[/variant]`. */
export function formatPlatform(platform: Descriptor['platform']): string {
  if (!platform) {
    return 'unknown';
  }
  return [platform.os, platform.architecture, platform.variant].filter((part) => part).join('/');
}

export function isDigest(text: string): boolean {
  return DIGEST.test(text);
}

function readDescriptors(value: unknown, field: string, url: string): Descriptor[] {
  if (!Array.isArray(value)) {
    throw registryError('GW_REGISTRY_BAD_MANIFEST', { url, reason: `"${field}" is missing or not an array` });
  }
  return value.map((item, index) => readDescriptor(item, `${field}[${index}]`, url));
}

function readDescriptor(value: unknown, field: string, url: string): Descriptor {
  if (!isObject(value) || typeof value.digest !== 'string' || !isDigest(value.digest)) {
    throw registryError('GW_REGISTRY_BAD_MANIFEST', { url, reason: `"${field}" has no valid digest` });
  }
  const descriptor: Descriptor = {
    mediaType: typeof value.mediaType === 'string' ? value.mediaType : '',
    digest: value.digest,
    size: typeof value.size === 'number' ? value.size : -1,
  };
  const platform = value.platform;
  if (isObject(platform) && typeof platform.os === 'string' && typeof platform.architecture === 'string') {
    descriptor.platform = { os: platform.os, architecture: platform.architecture };
    if (typeof platform.variant === 'string') {
      descriptor.platform.variant = platform.variant;
    }
  }
  return descriptor;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
