import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { traceVerdict } from '../tracing/verdict-trace.js';
import { isImageReference } from '../verdict/image-list.js';
import type { VerdictService } from '../verdict/service.js';

const ImageList = Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { maxItems: 10_000 });

export const VerdictRequestSchema = Type.Object(
  {
    delete: Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { minItems: 1, maxItems: 10_000 }),
    keep: ImageList,
    /** Observation window for pull history, seconds; the configured default when absent. */
    windowSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 365 * 86_400 })),
  },
  { additionalProperties: false },
);
export type VerdictRequest = Static<typeof VerdictRequestSchema>;

export interface VerdictRoutesOptions {
  verdictService?: VerdictService;
}

/** `POST /api/v1/verdicts`: judges one candidate and returns the verdict with every reason. */
export const verdictRoutes: FastifyPluginAsync<VerdictRoutesOptions> = async (app, options) => {
  const service = options.verdictService;
  if (service === undefined) {
    app.log.warn('verdict routes not registered: no verdict service was passed');
    return;
  }

  app.post<{ Body: VerdictRequest }>('/api/v1/verdicts', { schema: { body: VerdictRequestSchema } }, async (request, reply) => {
    const invalid = [...request.body.delete, ...request.body.keep].filter((ref) => !isImageReference(ref));
    if (invalid.length > 0) {
      return reply.code(400).send({
        error: 'invalid image reference',
        message: `not valid image references: ${invalid.slice(0, 20).join(', ')}; write registry/repository:tag or ...@sha256:<64 hex>`,
      });
    }

    const candidate = { delete: request.body.delete, keep: request.body.keep };
    const verdict = await traceVerdict(candidate, () => service.judge(candidate, request.body.windowSeconds));
    request.log.info({ verdict: verdict.verdict, reasons: verdict.reasons.length, images: request.body.delete.length }, 'verdict judged');
    return verdict;
  });
};
