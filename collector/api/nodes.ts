import type { FastifyInstance } from 'fastify';
import { isOverdue } from '../nodes/overdue.js';
import type { CollectorServices } from '../services.js';

/** `GET /api/v1/nodes`: every node's newest report and whether its agent is overdue. */
export async function nodesRoutes(app: FastifyInstance, services: CollectorServices): Promise<void> {
  app.get('/api/v1/nodes', async () => {
    const now = services.clock.now();
    const factor = services.config.agentOverdueFactor;
    const nodes = services.store.nodes().map((node) => ({
      ...node,
      lastReportAt: new Date(node.lastReportAt).toISOString(),
      overdue: isOverdue(node, now, factor),
    }));
    return { nodes, overdueFactor: factor };
  });
}
