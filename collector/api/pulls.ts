import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PULL_OUTCOMES } from '../../wire/pull.js';
import type { CollectorServices } from '../services.js';
import type { StoredPull } from '../store/types.js';
import { collectorError } from '../errors.js';
import { replyToQueryErrors } from './query-errors.js';

const PullsQuerySchema = Type.Object(
  {
    node: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
    /** Full reference, or reference without digest to match every digest of it. */
    image: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    outcome: Type.Optional(Type.Union(PULL_OUTCOMES.map((outcome) => Type.Literal(outcome)))),
    since: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    /** `next` of the previous page. */
    cursor: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

/** `GET /api/v1/pulls`: stored pulls, newest stored first, paged by cursor. */
export async function pullsRoutes(app: FastifyInstance, services: CollectorServices): Promise<void> {
  replyToQueryErrors(app, services);

  app.get<{ Querystring: Static<typeof PullsQuerySchema> }>(
    '/api/v1/pulls',
    { schema: { querystring: PullsQuerySchema } },
    async (request, reply) => {
      const query = request.query;
      // ajv coerces "1e400" to Infinity after its range checks ran, so the handler checks again.
      for (const [field, value] of [['limit', query.limit], ['cursor', query.cursor]] as const) {
        if (value !== undefined && !Number.isSafeInteger(value)) {
          const error = collectorError('GW_API_QUERY_INVALID', { field, problem: 'is not a safe integer', fix: 'send a whole number such as 100' });
          return reply.code(400).send({ code: error.code, message: error.message, fix: error.fix });
        }
      }

      // The date-time format admits times Date.parse rejects, such as the leap second 23:59:60.
      const since = query.since === undefined ? undefined : Date.parse(query.since);
      if (since !== undefined && Number.isNaN(since)) {
        const problem = { field: 'since', problem: `${query.since} is not a time this collector can compare`, fix: 'send an RFC 3339 time such as 2026-01-01T00:00:00Z' };
        const error = collectorError('GW_API_QUERY_INVALID', problem);
        return reply.code(400).send({ code: error.code, message: error.message, fix: error.fix });
      }

      const page = services.store.listPulls({
        node: query.node,
        image: query.image,
        outcome: query.outcome,
        since,
        limit: query.limit,
        before: query.cursor,
      });
      return { pulls: page.pulls.map(toApiPull), next: page.next };
    },
  );
}

function toApiPull(pull: StoredPull) {
  return {
    ...pull,
    startedAt: isoOrNull(pull.startedAt),
    endedAt: isoOrNull(pull.endedAt),
    seenAt: new Date(pull.seenAt).toISOString(),
    receivedAt: new Date(pull.receivedAt).toISOString(),
  };
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
