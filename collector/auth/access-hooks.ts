import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock.js';
import { RateLimitedLog, type Logger } from '../../core/log.js';
import type { AccessTokens } from './access-tokens.js';
import type { AuthMetrics } from './auth-metrics.js';
import { bearerChallenge } from './bearer.js';
import { authError } from './errors.js';

const REJECTION_LOG_INTERVAL_MS = 60_000;

/** Tokens guarding the verdict route and the read-only routes; null leaves them open. */
export interface AccessGuards {
  verdict: AccessTokens | null;
  reader: AccessTokens | null;
}

/**
 * Adds an onRequest hook that requires the verdict token on POST /api/v1/verdicts and the
 * reader token on GET /metrics and GET /api/v1/*. Health probes stay open for the kubelet.
 * Register it on the root instance before the route plugins so it covers all of them.
 */
export function registerAccessHooks(app: FastifyInstance, guards: AccessGuards, metrics: AuthMetrics, log: Logger, clock: Clock): void {
  const rejectionLog = new RateLimitedLog(REJECTION_LOG_INTERVAL_MS, () => clock.now());

  app.addHook('onRequest', async (request, reply) => {
    const path = request.routeOptions.url ?? '';
    const method = request.method;
    const isVerdict = method === 'POST' && path === '/api/v1/verdicts';
    const isRead = (method === 'GET' || method === 'HEAD') && (path === '/metrics' || path.startsWith('/api/v1/'));
    let tokens: AccessTokens | null = null;
    if (isVerdict) {
      tokens = guards.verdict;
    } else if (isRead) {
      tokens = guards.reader;
    }
    if (tokens === null) {
      return undefined;
    }

    const check = tokens.check(request.headers.authorization);
    if (check === 'granted') {
      return undefined;
    }
    const route = `${method} ${path}`;
    const error = authError(check === 'missing' ? 'GW_AUTH_MISSING' : 'GW_AUTH_INVALID', { route });
    metrics.countRejection(isVerdict ? 'verdicts' : 'read', check);
    rejectionLog.run(`${error.code}:${route}:${request.ip}`, (suppressed) => {
      log.warn({ code: error.code, route, remote: request.ip, reason: check, suppressed }, 'request rejected');
    });
    return reply
      .code(401)
      .header('www-authenticate', bearerChallenge(check === 'invalid'))
      .send({ code: error.code, message: error.message, fix: error.fix });
  });
}
