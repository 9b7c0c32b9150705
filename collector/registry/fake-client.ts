import type { GapwatchError } from '../../core/errors.js';
import type { HeadResponse, ManifestResponse, RegistryClient } from './client.js';
import { computeDigest } from './digest.js';
import { registryError } from './errors.js';

interface StoredManifest {
  mediaType: string;
  body: Buffer;
}

/**
 * In-memory RegistryClient for tests of code that uses one: manifests, tags and blobs per
 * repository, plus injected failures. It raises the same coded errors as the HTTP client.
 */
export class FakeRegistryClient implements RegistryClient {
  readonly baseUrl: string;
  private readonly manifests = new Map<string, StoredManifest>();
  private readonly tags = new Map<string, string>();
  private readonly blobs = new Set<string>();
  private readonly failures = new Map<string, () => GapwatchError>();
  /** Every call as `METHOD repository reference`, in order. */
  readonly calls: string[] = [];

  constructor(baseUrl = 'https://127.0.0.1:5000') {
    this.baseUrl = baseUrl;
  }

  /** Stores a manifest (object or exact JSON text) and points `tags` at it; returns its digest. */
  putManifest(repository: string, manifest: object | string, mediaType: string, tags: string[] = []): string {
    const body = Buffer.from(typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
    const digest = computeDigest(body);
    this.manifests.set(`${repository}@${digest}`, { mediaType, body });
    for (const tag of tags) {
      this.tags.set(`${repository}:${tag}`, digest);
    }
    return digest;
  }

  putBlob(repository: string, digest: string): void {
    this.blobs.add(`${repository}@${digest}`);
  }

  deleteManifest(repository: string, digest: string): void {
    this.manifests.delete(`${repository}@${digest}`);
  }

  /** Makes every request for `repository` (or `*` for all) raise the error `make` returns. */
  failRepository(repository: string, make: () => GapwatchError): void {
    this.failures.set(repository, make);
  }

  async getManifest(repository: string, reference: string): Promise<ManifestResponse> {
    this.calls.push(`GET ${repository} ${reference}`);
    const { stored, digest } = this.lookup(repository, reference);
    return { digest, mediaType: stored.mediaType, body: stored.body };
  }

  async headManifest(repository: string, reference: string): Promise<HeadResponse> {
    this.calls.push(`HEAD ${repository} ${reference}`);
    const { stored, digest } = this.lookup(repository, reference);
    return { digest, size: stored.body.length };
  }

  async headBlob(repository: string, digest: string): Promise<HeadResponse> {
    this.calls.push(`HEAD-BLOB ${repository} ${digest}`);
    this.throwInjected(repository);
    if (!this.blobs.has(`${repository}@${digest}`)) {
      throw registryError('GW_REGISTRY_NOT_FOUND', { url: `${this.baseUrl}/v2/${repository}/blobs/${digest}` });
    }
    return { digest, size: null };
  }

  async close(): Promise<void> {}

  private lookup(repository: string, reference: string): { stored: StoredManifest; digest: string } {
    this.throwInjected(repository);
    const digest = reference.includes(':') ? reference : this.tags.get(`${repository}:${reference}`);
    const stored = digest === undefined ? undefined : this.manifests.get(`${repository}@${digest}`);
    if (digest === undefined || stored === undefined) {
      throw registryError('GW_REGISTRY_NOT_FOUND', { url: `${this.baseUrl}/v2/${repository}/manifests/${reference}` });
    }
    return { stored, digest };
  }

  private throwInjected(repository: string): void {
    const make = this.failures.get(repository) ?? this.failures.get('*');
    if (make) {
      throw make();
    }
  }
}
