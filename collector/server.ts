import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { coreRoutePlugins, extraRoutePlugins } from './api/index.js';
import { registerAccessHooks } from './auth/access-hooks.js';
import type { HttpsOptions } from './auth/tls-options.js';
import { ingestRoutes } from './ingest/routes.js';
import type { CollectorServices } from './services.js';

/** Limits on how long one client may hold a connection, so slow or stalled senders free their socket. */
export interface ServerTimeouts {
  /** Time to receive the request headers. */
  headersMs: number;
  /** Time to receive the whole request, headers and body; must be at least headersMs. */
  requestMs: number;
  /** Time a socket may stay idle, whether between requests or inside a stalled body. */
  idleMs: number;
  /** How often Node checks the header and request deadlines; a deadline can overrun by up to this much. */
  checkIntervalMs: number;
}

// A 32 MiB report needs about 30 s at 10 Mbit/s, so 120 s leaves room on a slow link.
// NOTE: these are fixed here because the collector config has no timeout keys yet.
export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = { headersMs: 15_000, requestMs: 120_000, idleMs: 30_000, checkIntervalMs: 5_000 };

/** Builds the collector's fastify instance with every route plugin registered; does not listen. */
export async function buildCollectorServer(
  services: CollectorServices,
  https: HttpsOptions | null = null,
  timeouts: ServerTimeouts = DEFAULT_SERVER_TIMEOUTS,
): Promise<FastifyInstance> {
  // Node's own deadlines: headers and the whole request, checked every checkIntervalMs.
  const deadlines = { headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: timeouts.checkIntervalMs };
  const app = Fastify({
    loggerInstance: services.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // Per-request lines would flood the log at one report per node every few seconds.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: services.config.bodyLimitBytes,
    // Fastify's default of 0 turns Node's request deadline off, so a trickled body would hold its socket forever.
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    http: deadlines,
    ajv: {
      // Unknown query parameters are rejected rather than stripped; query strings still coerce to numbers.
      // Report bodies use the stricter compiler set in the ingest scope.
      customOptions: { removeAdditional: false },
    },
    ...(https ? { https: { ...https, ...deadlines } } : {}),
  }) as unknown as FastifyInstance;
  app.server.headersTimeout = timeouts.headersMs;

  // Root-level hook, so it runs for the routes every plugin below registers.
  if (services.auth && services.authMetrics) {
    const log = services.logger.child({ component: 'auth' });
    registerAccessHooks(app, { verdict: services.auth.verdict, reader: services.auth.reader }, services.authMetrics, log, services.clock);
  }

  await app.register(async (scope) => ingestRoutes(scope, services));
  for (const plugin of [...coreRoutePlugins, ...extraRoutePlugins]) {
    await app.register(async (scope) => plugin(scope, services));
  }
  return app;
}
