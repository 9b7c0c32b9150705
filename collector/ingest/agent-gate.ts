import type { ReportResult } from '../metrics/ingest-metrics.js';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthMetrics } from '../auth/auth-metrics.js';
import type { PeerCertificateNames } from '../auth/client-certificate.js';
import type { CollectorAuth } from '../auth/collector-auth.js';
import { authError } from '../auth/errors.js';
import { identityForbiddingNode, type AgentIdentity } from '../auth/identity.js';
import type { Rejection } from './rejection.js';

type Reject = (request: FastifyRequest, reply: FastifyReply, rejection: Rejection) => FastifyReply;

/**
 * Authentication, rate limit and node binding of the ingest route. Credentials and the rate
 * limit are checked before the body is read. The node binding needs the parsed report, so it
 * is checked after schema validation.
 */
export class AgentGate {
  private readonly identities = new WeakMap<FastifyRequest, AgentIdentity[]>();

  constructor(
    private readonly auth: CollectorAuth,
    private readonly metrics: AuthMetrics | null,
    private readonly reject: Reject,
  ) {}

  register(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => this.onRequest(request, reply));
    app.addHook('preHandler', async (request, reply) => this.checkNode(request, reply));
  }

  private async onRequest(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    let identities: AgentIdentity[] = [];
    if (this.auth.agents) {
      const result = await this.auth.agents.authenticate({
        authorization: request.headers.authorization,
        certificate: verifiedCertificate(request),
        remote: request.ip,
      });
      if (result.kind === 'rejected') {
        this.metrics?.countRejection('reports', result.reason);
        const headers: Record<string, string> = result.challenge ? { 'www-authenticate': result.challenge } : {};
        if (result.status === 503) {
          headers['retry-after'] = '5';
        }
        return this.reject(request, reply, { status: result.status, result: rejectionResult(result.status), error: result.error, headers });
      }
      identities = result.identities;
      this.identities.set(request, identities);
    }

    const limit = this.auth.rateLimit;
    if (limit) {
      const identity = identities[0];
      const bucket = identity?.bucket ?? `remote:${request.ip}`;
      const waitSeconds = limit.buckets.take(bucket);
      if (waitSeconds > 0) {
        this.metrics?.countRejection('reports', 'rate_limited');
        const error = authError('GW_AUTH_RATE_LIMITED', { identity: identity?.name ?? request.ip, rate: limit.perSecond, retryAfter: waitSeconds });
        return this.reject(request, reply, { status: 429, result: 'rate_limited', error, headers: { 'retry-after': String(waitSeconds) } });
      }
    }
    return undefined;
  }

  private async checkNode(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const identities = this.identities.get(request);
    const node = (request.body as { node?: unknown } | undefined)?.node;
    if (identities === undefined || typeof node !== 'string') {
      return undefined;
    }
    const forbidding = identityForbiddingNode(identities, node);
    if (forbidding === null) {
      return undefined;
    }
    this.metrics?.countRejection('reports', 'wrong_node');
    const error = authError('GW_AUTH_WRONG_NODE', { identity: forbidding.name, node });
    return this.reject(request, reply, { status: 403, result: 'forbidden', error });
  }
}

/** Maps an authentication rejection's HTTP status to the ingest counter's `result` label. */
function rejectionResult(status: number): ReportResult {
  if (status === 503) {
    return 'auth_unavailable';
  }
  return status === 403 ? 'forbidden' : 'unauthorized';
}

/** Returns the client certificate the TLS handshake verified against tls.clientCaFile, or null. */
function verifiedCertificate(request: FastifyRequest): PeerCertificateNames | null {
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function' || socket.authorized !== true) {
    return null;
  }
  const certificate = socket.getPeerCertificate();
  return certificate && Object.keys(certificate).length > 0 ? certificate : null;
}
