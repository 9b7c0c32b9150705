import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { coreRoutePlugins, extraRoutePlugins } from './api/index.js';
import { registerAccessHooks } from './auth/access-hooks.js';
import type { HttpsOptions } from './auth/tls-options.js';
import { ingestRoutes } from './ingest/routes.js';
import type { CollectorServices } from './services.js';

/** Builds the collector's fastify instance with every route plugin registered; does not listen. */
export async function buildCollectorServer(services: CollectorServices, https: HttpsOptions | null = null): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: services.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // Per-request lines would flood the log at one report per node every few seconds.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: services.config.bodyLimitBytes,
    ajv: {
      // Unknown query parameters are rejected rather than stripped; query strings still coerce to numbers.
      // Report bodies use the stricter compiler set in the ingest scope.
      customOptions: { removeAdditional: false },
    },
    ...(https ? { https } : {}),
  }) as unknown as FastifyInstance;

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
