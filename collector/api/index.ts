import type { FastifyPluginAsync } from 'fastify';

/** Route plugins beyond ingest and metrics, each in its own file (verdicts, Istio, ...). */
export const extraRoutePlugins: ReadonlyArray<FastifyPluginAsync<never>> = [];
