import type { FastifyInstance } from 'fastify';
import type { CollectorServices } from '../services.js';
import { healthRoutes } from './health.js';
import { istioRoutes } from './istio-routes.js';
import { metricsRoutes } from './metrics.js';
import { nodesRoutes } from './nodes.js';
import { pullsRoutes } from './pulls.js';
import { verdictRoutes } from './verdict-routes.js';

/** A route plugin: registers its routes on its own encapsulated scope, using the collector's services. */
export type CollectorRoutePlugin = (app: FastifyInstance, services: CollectorServices) => Promise<void>;

/** Routes the collector always serves besides ingest. */
export const coreRoutePlugins: readonly CollectorRoutePlugin[] = [healthRoutes, metricsRoutes, pullsRoutes, nodesRoutes];

/** Route plugins of other areas (verdicts, Istio, ...), each in its own file. */
export const extraRoutePlugins: readonly CollectorRoutePlugin[] = [verdictRoutes, istioRoutes];
