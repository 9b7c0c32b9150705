import { readFile } from 'node:fs/promises';
import { Agent, request } from 'undici';
import { isGapwatchError } from '../../core/errors.js';
import { silentLogger, type Logger } from '../../core/log.js';
import { RegistryAuthenticator } from './auth.js';
import type { HeadResponse, ManifestResponse, RegistryClient, RegistryCredentials } from './client.js';
import { computeDigest, isVerifiableDigest } from './digest.js';
import { registryError } from './errors.js';
import { MANIFEST_ACCEPT } from './media-types.js';
import { classifyTransportError } from './transport-errors.js';

export interface HttpRegistryClientOptions {
  /** Registry base URL, `https://127.0.0.1:5000`; a path is not allowed here. */
  baseUrl: string;
  /** PEM file with the CA(s) to trust instead of Node's built-in roots. */
  caFile?: string;
  credentials?: RegistryCredentials;
  /** Connect, headers and body timeout of each request, in milliseconds. */
  timeoutMs?: number;
  /** Largest manifest body accepted; distribution itself rejects manifests above 4 MiB. */
  maxManifestBytes?: number;
  logger?: Logger;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Creates an OCI distribution client over its own undici Agent (never the global dispatcher). */
export async function createRegistryClient(options: HttpRegistryClientOptions): Promise<RegistryClient> {
  let ca: string | undefined;
  if (options.caFile) {
    try {
      ca = await readFile(options.caFile, 'utf8');
    } catch (err) {
      throw registryError('GW_REGISTRY_CA_UNREADABLE', { file: options.caFile, reason: (err as Error).message }, err);
    }
  }
  return new HttpRegistryClient(options, ca);
}

class HttpRegistryClient implements RegistryClient {
  readonly baseUrl: string;
  private readonly dispatcher: Agent;
  private readonly timeoutMs: number;
  private readonly maxManifestBytes: number;
  private readonly auth: RegistryAuthenticator;
  private readonly log: Logger;

  constructor(options: HttpRegistryClientOptions, ca: string | undefined) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxManifestBytes = options.maxManifestBytes ?? DEFAULT_MAX_MANIFEST_BYTES;
    this.log = (options.logger ?? silentLogger()).child({ registry: this.baseUrl });
    this.dispatcher = new Agent({
      connect: { timeout: this.timeoutMs, ...(ca === undefined ? {} : { ca }) },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    this.auth = new RegistryAuthenticator(this.dispatcher, options.credentials, this.timeoutMs, this.log);
  }

  async getManifest(repository: string, reference: string): Promise<ManifestResponse> {
    const url = this.manifestUrl(repository, reference);
    const response = await this.send('GET', url, repository, { accept: MANIFEST_ACCEPT });

    const headerDigest = headerValue(response.headers, 'docker-content-digest');
    const expected = isVerifiableDigest(reference) ? reference : headerDigest;
    const digest = computeDigest(response.body, expected);
    if (expected !== undefined && isVerifiableDigest(expected) && digest !== expected) {
      throw registryError('GW_REGISTRY_DIGEST_MISMATCH', { url, expected, actual: digest });
    }

    const mediaType = (headerValue(response.headers, 'content-type') ?? '').split(';')[0]?.trim() ?? '';
    return { digest, mediaType, body: response.body };
  }

  async headManifest(repository: string, reference: string): Promise<HeadResponse> {
    const url = this.manifestUrl(repository, reference);
    return toHead(await this.send('HEAD', url, repository, { accept: MANIFEST_ACCEPT }));
  }

  async headBlob(repository: string, digest: string): Promise<HeadResponse> {
    const url = `${this.baseUrl}/v2/${repository}/blobs/${digest}`;
    return toHead(await this.send('HEAD', url, repository, {}));
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private manifestUrl(repository: string, reference: string): string {
    return `${this.baseUrl}/v2/${repository}/manifests/${reference}`;
  }

  // Sends once. On 401 it responds to the challenge and sends once more.
  private async send(method: 'GET' | 'HEAD', url: string, repository: string, headers: Record<string, string>): Promise<RawResponse> {
    const cached = this.auth.cachedAuthorization(repository);
    let response = await this.perform(method, url, cached === undefined ? headers : { ...headers, authorization: cached });

    if (response.statusCode === 401) {
      const challenge = headerValue(response.headers, 'www-authenticate');
      const authorization = challenge === undefined ? undefined : await this.auth.answer(challenge, repository, url);
      if (authorization !== undefined) {
        response = await this.perform(method, url, { ...headers, authorization });
      }
    }

    return checkStatus(response, url);
  }

  private async perform(method: 'GET' | 'HEAD', url: string, headers: Record<string, string>): Promise<RawResponse> {
    try {
      const response = await request(url, { method, headers, dispatcher: this.dispatcher });
      const body = method === 'HEAD' || response.statusCode !== 200 ? await drain(response.body) : await this.readBody(response.body, url);
      return { statusCode: response.statusCode, headers: response.headers, body };
    } catch (err) {
      if (isGapwatchError(err)) {
        throw err;
      }
      throw classifyTransportError(err, url, this.timeoutMs);
    }
  }

  private async readBody(body: AsyncIterable<Buffer> & { destroy(): unknown }, url: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of body) {
      total += chunk.length;
      if (total > this.maxManifestBytes) {
        body.destroy();
        throw registryError('GW_REGISTRY_BAD_MANIFEST', { url, reason: `the body is larger than ${this.maxManifestBytes} bytes` });
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }
}

function checkStatus(response: RawResponse, url: string): RawResponse {
  const status = response.statusCode;
  if (status === 200) {
    return response;
  }
  if (status === 401) {
    throw registryError('GW_REGISTRY_UNAUTHORIZED', { url });
  }
  if (status === 403) {
    throw registryError('GW_REGISTRY_FORBIDDEN', { url });
  }
  if (status === 404) {
    throw registryError('GW_REGISTRY_NOT_FOUND', { url });
  }
  if (status >= 500) {
    throw registryError('GW_REGISTRY_SERVER_ERROR', { url, status });
  }
  throw registryError('GW_REGISTRY_UNEXPECTED_STATUS', { url, status });
}

function toHead(response: RawResponse): HeadResponse {
  const length = Number(headerValue(response.headers, 'content-length'));
  return {
    digest: headerValue(response.headers, 'docker-content-digest') ?? null,
    size: Number.isFinite(length) ? length : null,
  };
}

// Error bodies are small JSON documents; they are read only to free the connection.
async function drain(body: { dump(): Promise<void> }): Promise<Buffer> {
  await body.dump();
  return Buffer.alloc(0);
}

function headerValue(headers: RawResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
