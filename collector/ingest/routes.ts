import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedLog } from '../../core/log.js';
import { ReportAckSchema, ReportSchema, type Report, type ReportAck } from '../../wire/report.js';
import { collectorError } from '../errors.js';
import type { CollectorServices } from '../services.js';
import { SpanAttributes } from '../tracing/tracer.js';
import { IngestTracing } from '../tracing/ingest-trace.js';
import { AgentGate } from './agent-gate.js';
import { rejectionOf, type FastifyLikeError, type Rejection } from './rejection.js';
import { strictValidatorCompiler } from './strict-validator.js';

const REJECTION_LOG_INTERVAL_MS = 60_000;
const STORE_FAILURE_LOG_INTERVAL_MS = 10_000;

/** `POST /api/v1/reports`: authenticates, validates, stores and acknowledges one agent report. */
export async function ingestRoutes(app: FastifyInstance, services: CollectorServices): Promise<void> {
  const { config, store, metrics, clock } = services;
  const logger = services.logger.child({ component: 'ingest' });
  const rejectionLog = new RateLimitedLog(REJECTION_LOG_INTERVAL_MS, () => clock.now());
  const storeFailureLog = new RateLimitedLog(STORE_FAILURE_LOG_INTERVAL_MS, () => clock.now());
  const tracing = new IngestTracing();

  const reject = (request: FastifyRequest, reply: FastifyReply, rejection: Rejection) => {
    if (rejection.result !== null) {
      metrics.ingest.countReport(rejection.result);
    }
    const { code, message, fix } = rejection.error;
    tracing.annotate(request, { [SpanAttributes.rejection]: code });
    rejectionLog.run(`${code}:${request.ip}`, (suppressed) => {
      // A client mistake, not a collector fault: the message is enough, the stack would be noise.
      logger.warn({ code, reason: message, remote: request.ip, suppressed }, 'report rejected');
    });
    for (const [name, value] of Object.entries(rejection.headers ?? {})) {
      reply.header(name, value);
    }
    return reply.code(rejection.status).send({ code, message, fix });
  };

  app.setValidatorCompiler(strictValidatorCompiler());

  // Only the JSON parser stays, so text/plain bodies get 415 instead of a schema error.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((err, request, reply) => {
    const rejection = rejectionOf(err as FastifyLikeError, config.bodyLimitBytes, request.headers['content-type']);
    if (rejection) {
      return reject(request, reply, rejection);
    }
    logger.error({ err, remote: request.ip }, 'report handling failed');
    return reply.code(500).send({ code: 'GW_INTERNAL', message: 'internal error while handling the report', fix: 'see the collector log' });
  });

  tracing.register(app);
  if (services.auth) {
    new AgentGate(services.auth, services.authMetrics ?? null, reject).register(app);
  }

  app.post<{ Body: Report; Reply: ReportAck | { code: string; message: string; fix: string } }>(
    '/api/v1/reports',
    {
      bodyLimit: config.bodyLimitBytes,
      schema: { body: ReportSchema, response: { 200: ReportAckSchema } },
    },
    async (request, reply) => {
      const report = request.body;
      let outcome;
      try {
        outcome = await tracing.step(request, 'store', () => store.applyReport(report, clock.now()));
      } catch (err) {
        const error = collectorError('GW_STORE_WRITE_FAILED', { node: report.node, reason: (err as Error).message }, err);
        // One failed commit fails every report of its batch, so the line is rate-limited.
        storeFailureLog.run((err as { code?: string }).code ?? 'store', (suppressed) => {
          logger.error({ err, node: report.node, seq: report.seq, suppressed }, 'storing a report failed');
        });
        metrics.ingest.countReport('store_failed');
        return reply.code(503).send({ code: error.code, message: error.message, fix: error.fix });
      }

      // Pull counters were bumped when the batch committed (the store's totals listener).
      metrics.ingest.countReport(outcome.replayed ? 'replayed' : 'accepted');
      metrics.ingest.countPulls('stored', outcome.stored);
      metrics.ingest.countPulls('duplicate', outcome.duplicates);
      tracing.annotate(request, {
        [SpanAttributes.pullsAccepted]: outcome.stored,
        [SpanAttributes.pullsDuplicate]: outcome.duplicates,
        [SpanAttributes.replayed]: outcome.replayed,
      });
      logger.debug(
        { node: report.node, seq: report.seq, stored: outcome.stored, duplicates: outcome.duplicates, replayed: outcome.replayed },
        'report accepted',
      );
      return {
        seq: report.seq,
        accepted: outcome.stored,
        duplicates: outcome.duplicates,
        replayed: outcome.replayed,
      };
    },
  );
}
