import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statusBody } from './status.js';
import { reviewToken, type FakeToken } from './token-review.js';

/** One object as the API server stores it; only the metadata the fake needs is typed. */
export interface FakeObject {
  metadata: { name: string; namespace?: string; resourceVersion?: string; [key: string]: unknown };
  [key: string]: unknown;
}

interface WatchEvent {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: FakeObject;
}

interface Collection {
  listKind: string;
  apiVersion: string;
  objects: Map<string, FakeObject>;
  events: WatchEvent[];
  watchers: Set<ServerResponse>;
}

/** Collection paths the fake serves, with the list kind and apiVersion real servers return. */
export const FAKE_COLLECTIONS: Readonly<Record<string, { listKind: string; apiVersion: string }>> = {
  '/api/v1/pods': { listKind: 'PodList', apiVersion: 'v1' },
  '/api/v1/nodes': { listKind: 'NodeList', apiVersion: 'v1' },
  '/apis/apps/v1/deployments': { listKind: 'DeploymentList', apiVersion: 'apps/v1' },
  '/apis/apps/v1/statefulsets': { listKind: 'StatefulSetList', apiVersion: 'apps/v1' },
  '/apis/apps/v1/daemonsets': { listKind: 'DaemonSetList', apiVersion: 'apps/v1' },
  '/apis/apps/v1/replicasets': { listKind: 'ReplicaSetList', apiVersion: 'apps/v1' },
  '/apis/batch/v1/jobs': { listKind: 'JobList', apiVersion: 'batch/v1' },
  '/apis/batch/v1/cronjobs': { listKind: 'CronJobList', apiVersion: 'batch/v1' },
};

/**
 * Kubernetes API server on 127.0.0.1 for tests. It serves cluster-wide lists with limit/continue
 * paging and a resourceVersion, and `?watch=true` streams of ADDED/MODIFIED/DELETED events.
 * A resourceVersion or continue token older than the last `compact()` gets a 410 Gone `Expired`
 * Status, and a collection marked with `forbid()` gets a 403 Forbidden Status. POST to
 * TOKEN_REVIEWS reviews tokens registered with `addToken`.
 */
export class FakeKubeApi {
  private readonly collections = new Map<string, Collection>();
  private readonly forbidden = new Set<string>();
  private readonly failing = new Set<string>();
  private readonly tokens = new Map<string, FakeToken>();
  private tokenReviewsFailing = false;
  private server: Server | null = null;
  private resourceVersion = 1000;
  private compactedAt = 0;
  /** Requests served, by `METHOD path?watch`, for tests that check paging and relists. */
  readonly requests: string[] = [];
  /** Path of the TokenReview endpoint (`authentication.k8s.io/v1`). */
  static readonly TOKEN_REVIEWS = '/apis/authentication.k8s.io/v1/tokenreviews';

  constructor() {
    for (const [path, shape] of Object.entries(FAKE_COLLECTIONS)) {
      this.collections.set(path, { ...shape, objects: new Map(), events: [], watchers: new Set() });
    }
  }

  async start(): Promise<string> {
    const server = createServer((request, response) => this.handle(request, response));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const collection of this.collections.values()) {
      for (const watcher of collection.watchers) {
        watcher.end();
      }
      collection.watchers.clear();
    }
    const server = this.server;
    this.server = null;
    if (server !== null) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Adds or replaces an object and sends ADDED or MODIFIED to open watches. */
  apply(path: string, object: FakeObject): void {
    const collection = this.collection(path);
    const key = keyOf(object);
    const type = collection.objects.has(key) ? 'MODIFIED' : 'ADDED';
    const stored = withVersion(object, ++this.resourceVersion);
    collection.objects.set(key, stored);
    this.emit(collection, { rv: this.resourceVersion, type, object: stored });
  }

  /** Loads many objects without recording watch events, for large benchmarks. */
  load(path: string, objects: readonly FakeObject[]): void {
    const collection = this.collection(path);
    for (const object of objects) {
      collection.objects.set(keyOf(object), withVersion(object, ++this.resourceVersion));
    }
  }

  remove(path: string, namespace: string | undefined, name: string): void {
    const collection = this.collection(path);
    const key = `${namespace ?? ''}/${name}`;
    const object = collection.objects.get(key);
    if (object !== undefined) {
      collection.objects.delete(key);
      this.emit(collection, { rv: ++this.resourceVersion, type: 'DELETED', object: withVersion(object, this.resourceVersion) });
    }
  }

  /** Rejects requests for this collection with 403 Forbidden from now on, and closes its open watches. */
  forbid(path: string): void {
    this.forbidden.add(path);
    this.closeWatches(path);
  }

  allow(path: string): void {
    this.forbidden.delete(path);
  }

  /** Fails requests for this collection with 500 from now on, and closes its open watches. */
  fail(path: string): void {
    this.failing.add(path);
    this.closeWatches(path);
  }

  recover(path: string): void {
    this.failing.delete(path);
  }

  /** Makes TokenReview accept `token` with this identity; see `serviceAccountToken`. */
  addToken(token: string, identity: FakeToken): void {
    this.tokens.set(token, identity);
  }

  /** Makes TokenReview reject `token` from now on, as after its pod was deleted. */
  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  /** Fails TokenReview with 500 until called with false. */
  failTokenReviews(failing: boolean): void {
    this.tokenReviewsFailing = failing;
  }

  /**
   * Forgets event history as etcd compaction does: older resourceVersions and continue tokens
   * now get 410 Gone. Open watches are closed so clients resume from their last version.
   */
  compact(): void {
    this.compactedAt = this.resourceVersion;
    for (const collection of this.collections.values()) {
      collection.events = [];
    }
    for (const path of this.collections.keys()) {
      this.closeWatches(path);
    }
  }

  private collection(path: string): Collection {
    const collection = this.collections.get(path);
    if (collection === undefined) {
      throw new Error(`fake API server has no collection ${path}; use one of ${Object.keys(FAKE_COLLECTIONS).join(', ')}`);
    }
    return collection;
  }

  private closeWatches(path: string): void {
    const collection = this.collection(path);
    for (const watcher of collection.watchers) {
      watcher.end();
    }
    collection.watchers.clear();
  }

  private emit(collection: Collection, event: WatchEvent): void {
    collection.events.push(event);
    for (const watcher of collection.watchers) {
      watcher.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
    }
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const watch = url.searchParams.get('watch');
    const isWatch = watch === 'true' || watch === '1';
    this.requests.push(`${request.method} ${url.pathname}${isWatch ? '?watch' : ''}`);

    if (request.method === 'POST' && url.pathname === FakeKubeApi.TOKEN_REVIEWS) {
      this.serveTokenReview(request, response);
      return;
    }

    const collection = this.collections.get(url.pathname);
    if (request.method !== 'GET' || collection === undefined) {
      sendJson(response, 404, statusBody(404, 'NotFound', `the server could not find the requested resource ${url.pathname}`));
      return;
    }
    if (this.forbidden.has(url.pathname)) {
      const resource = url.pathname.split('/').at(-1) ?? '';
      sendJson(response, 403, statusBody(403, 'Forbidden', `${resource} is forbidden: User "system:serviceaccount:gapwatch:collector" cannot list resource "${resource}" at the cluster scope`));
      return;
    }
    if (this.failing.has(url.pathname)) {
      sendJson(response, 500, statusBody(500, 'InternalError', 'Internal error occurred: etcdserver: request timed out'));
      return;
    }

    if (isWatch) {
      this.serveWatch(collection, url, response);
    } else {
      this.serveList(collection, url, response);
    }
  }

  private serveTokenReview(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (this.tokenReviewsFailing) {
        sendJson(response, 500, statusBody(500, 'InternalError', 'Internal error occurred: webhook authenticator unavailable'));
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        sendJson(response, 400, statusBody(400, 'BadRequest', 'the request body is not a TokenReview'));
        return;
      }
      const answer = reviewToken(this.tokens, body);
      sendJson(response, answer.status, answer.body);
    });
  }

  private serveList(collection: Collection, url: URL, response: ServerResponse): void {
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const token = url.searchParams.get('continue');
    let offset = 0;
    let listVersion = this.resourceVersion;

    if (token !== null && token !== '') {
      const decoded = decodeToken(token);
      if (decoded === null || decoded.rv < this.compactedAt) {
        sendJson(response, 410, statusBody(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.'));
        return;
      }
      offset = decoded.offset;
      listVersion = decoded.rv;
    }

    const keys = [...collection.objects.keys()].sort();
    const all = keys.map((key) => collection.objects.get(key) as FakeObject);
    const end = limit > 0 ? Math.min(all.length, offset + limit) : all.length;
    const metadata: Record<string, unknown> = { resourceVersion: String(listVersion) };
    if (end < all.length) {
      metadata.continue = encodeToken({ rv: listVersion, offset: end });
      metadata.remainingItemCount = all.length - end;
    }
    sendJson(response, 200, { kind: collection.listKind, apiVersion: collection.apiVersion, metadata, items: all.slice(offset, end) });
  }

  private serveWatch(collection: Collection, url: URL, response: ServerResponse): void {
    const from = Number(url.searchParams.get('resourceVersion') ?? '0');
    response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });

    if (from !== 0 && from < this.compactedAt) {
      const status = statusBody(410, 'Expired', `too old resource version: ${from} (${this.compactedAt})`);
      response.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      return;
    }

    if (from === 0) {
      for (const object of collection.objects.values()) {
        response.write(`${JSON.stringify({ type: 'ADDED', object })}\n`);
      }
    } else {
      for (const event of collection.events) {
        if (event.rv > from) {
          response.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
        }
      }
    }
    collection.watchers.add(response);
    response.on('close', () => collection.watchers.delete(response));
  }
}

function keyOf(object: FakeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function withVersion(object: FakeObject, rv: number): FakeObject {
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function encodeToken(token: { rv: number; offset: number }): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): { rv: number; offset: number } | null {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { rv?: unknown; offset?: unknown };
    return typeof parsed.rv === 'number' && typeof parsed.offset === 'number' ? { rv: parsed.rv, offset: parsed.offset } : null;
  } catch {
    return null;
  }
}
