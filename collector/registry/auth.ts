import { Agent, request } from 'undici';
import type { Logger } from '../../core/log.js';
import type { RegistryCredentials } from './client.js';
import { registryError } from './errors.js';
import { classifyTransportError } from './transport-errors.js';
import { parseWwwAuthenticate } from './www-authenticate.js';

const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

/**
 * Responds to registry auth challenges: basic auth with the configured credentials, or a bearer
 * token from the realm of the challenge (distribution token protocol), cached per scope.
 */
export class RegistryAuthenticator {
  private readonly tokens = new Map<string, string>();
  private basicRequested = false;

  constructor(
    private readonly dispatcher: Agent,
    private readonly credentials: RegistryCredentials | undefined,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  /** Authorization header to send up front, from an earlier challenge; undefined before one. */
  cachedAuthorization(repository: string): string | undefined {
    const token = this.tokens.get(pullScope(repository));
    if (token !== undefined) {
      return `Bearer ${token}`;
    }
    return this.basicRequested ? this.basicHeader() : undefined;
  }

  /**
   * Returns the Authorization header for the challenge, or undefined when this client
   * cannot meet it (no credentials for basic, unknown scheme).
   */
  async answer(header: string, repository: string, url: string): Promise<string | undefined> {
    const challenges = parseWwwAuthenticate(header);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer?.params.realm) {
      const scope = pullScope(repository);
      const token = await this.fetchToken(bearer.params.realm, bearer.params.service, scope, url);
      this.tokens.set(scope, token);
      return `Bearer ${token}`;
    }
    if (challenges.some((c) => c.scheme === 'basic') && this.credentials) {
      this.basicRequested = true;
      return this.basicHeader();
    }
    return undefined;
  }

  // NOTE: the realm comes from the registry, as in Docker and containerd. A hostile registry can
  // point it at another host, which then receives the basic credentials.
  private async fetchToken(realm: string, service: string | undefined, scope: string, url: string): Promise<string> {
    let tokenUrl: URL;
    try {
      tokenUrl = new URL(realm);
    } catch {
      throw registryError('GW_REGISTRY_TOKEN_FAILED', { realm, url, reason: 'the realm is not a valid URL' });
    }
    if (tokenUrl.protocol !== 'https:' && tokenUrl.protocol !== 'http:') {
      throw registryError('GW_REGISTRY_TOKEN_FAILED', { realm, url, reason: `unsupported scheme ${tokenUrl.protocol}` });
    }
    if (service) {
      tokenUrl.searchParams.set('service', service);
    }
    tokenUrl.searchParams.set('scope', scope);

    this.log.debug({ realm: tokenUrl.origin + tokenUrl.pathname, scope }, 'requesting registry token');
    const headers: Record<string, string> = {};
    if (this.credentials) {
      headers.authorization = this.basicHeader();
    }

    let statusCode: number;
    let text: string;
    try {
      const response = await request(tokenUrl, {
        dispatcher: this.dispatcher,
        headers,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      statusCode = response.statusCode;
      text = await readLimited(response.body, MAX_TOKEN_RESPONSE_BYTES);
    } catch (err) {
      const cause = classifyTransportError(err, tokenUrl.origin + tokenUrl.pathname, this.timeoutMs);
      throw registryError('GW_REGISTRY_TOKEN_FAILED', { realm, url, reason: cause.message }, err);
    }

    if (statusCode === 401 || statusCode === 403) {
      throw registryError(statusCode === 401 ? 'GW_REGISTRY_UNAUTHORIZED' : 'GW_REGISTRY_FORBIDDEN', { url: realm });
    }
    if (statusCode !== 200) {
      throw registryError('GW_REGISTRY_TOKEN_FAILED', { realm, url, reason: `HTTP ${statusCode}` });
    }
    return extractToken(text, realm, url);
  }

  private basicHeader(): string {
    const { username, password } = this.credentials ?? { username: '', password: '' };
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
}

/** Scope for read access to one repository, as the distribution token spec defines it. */
export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

function extractToken(text: string, realm: string, url: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw registryError('GW_REGISTRY_TOKEN_FAILED', { realm, url, reason: 'the response is not JSON' });
  }
  const body = json as { token?: unknown; access_token?: unknown };
  const token = typeof body.token === 'string' ? body.token : body.access_token;
  if (typeof token !== 'string' || token.length === 0) {
    throw registryError('GW_REGISTRY_TOKEN_FAILED', { realm, url, reason: 'the response has no "token" field' });
  }
  return token;
}

async function readLimited(body: AsyncIterable<Buffer>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) {
      throw new Error(`response larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
