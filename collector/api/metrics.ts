import type { FastifyInstance } from 'fastify';
import type { CollectorServices } from '../services.js';

/** `GET /metrics` in the Prometheus text format. */
export async function metricsRoutes(app: FastifyInstance, services: CollectorServices): Promise<void> {
  const { registry } = services.metrics;
  app.get('/metrics', async (_request, reply) => {
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });
}
