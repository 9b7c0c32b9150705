import type { FastifyInstance } from 'fastify';
import type { CollectorServices } from '../services.js';

/** Registers `/healthz` (200 while the process serves HTTP) and `/readyz` (200 only while the database responds). */
export async function healthRoutes(app: FastifyInstance, services: CollectorServices): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    if (!services.store.ping()) {
      return reply.code(503).send({ status: 'not ready', reason: 'the database does not answer, or its file was deleted or replaced (restart the collector)' });
    }
    return { status: 'ready' };
  });
}
