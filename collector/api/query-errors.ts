import type { FastifyInstance } from 'fastify';
import { collectorError } from '../errors.js';
import { describeValidationProblem, type SchemaError } from '../ingest/validation-problem.js';
import type { CollectorServices } from '../services.js';

/** Replies to query-string schema violations in this scope with 400 `{code, message, fix}`. */
export function replyToQueryErrors(app: FastifyInstance, services: CollectorServices): void {
  app.setErrorHandler((err, request, reply) => {
    const validation = (err as { validation?: SchemaError[] }).validation;
    if (validation) {
      const error = collectorError('GW_API_QUERY_INVALID', { ...describeValidationProblem(validation) });
      return reply.code(400).send({ code: error.code, message: error.message, fix: error.fix });
    }
    services.logger.error({ err, url: request.url }, 'API request failed');
    return reply.code(500).send({ code: 'GW_INTERNAL', message: 'internal error', fix: 'see the collector log' });
  });
}
