import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedLog } from '../../core/log.js';
import { ReportAckSchema, ReportSchema, type Report, type ReportAck } from '../../wire/report.js';
import { collectorError } from '../errors.js';
import { pullTotalsPlanner } from '../metrics/pull-totals.js';
import type { CollectorServices } from '../services.js';
import { loadAgentTokens } from './agent-tokens.js';
import { rejectionOf, type FastifyLikeError, type Rejection } from './rejection.js';
import { strictValidatorCompiler } from './strict-validator.js';

const REJECTION_LOG_INTERVAL_MS = 60_000;

/** `POST /api/v1/reports`: validates, stores and acknowledges one agent report. */
export async function ingestRoutes(app: FastifyInstance, services: CollectorServices): Promise<void> {
  const { config, store, metrics, clock } = services;
  const logger = services.logger.child({ component: 'ingest' });
  const rejectionLog = new RateLimitedLog(REJECTION_LOG_INTERVAL_MS, () => clock.now());
  const tokens = config.auth ? loadAgentTokens(config.auth.tokenFiles) : null;

  const reject = (request: FastifyRequest, reply: FastifyReply, rejection: Rejection) => {
    metrics.ingest.countReport(rejection.result);
    const { code, message, fix } = rejection.error;
    rejectionLog.run(`${code}:${request.ip}`, (suppressed) => {
      // A client mistake, not a collector fault: the message is enough, the stack would be noise.
      logger.warn({ code, reason: message, remote: request.ip, suppressed }, 'report rejected');
    });
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

  // Checked before the body is read, so an unauthenticated sender cannot make the collector parse anything.
  if (tokens) {
    app.addHook('onRequest', async (request, reply) => {
      if (!tokens.accepts(request.headers.authorization)) {
        return reject(request, reply, { status: 401, result: 'unauthorized', error: collectorError('GW_INGEST_UNAUTHORIZED') });
      }
      return undefined;
    });
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
        outcome = store.applyReport(report, clock.now(), pullTotalsPlanner);
      } catch (err) {
        const error = collectorError('GW_STORE_WRITE_FAILED', { node: report.node, reason: (err as Error).message }, err);
        logger.error({ err, node: report.node, seq: report.seq }, 'storing a report failed');
        metrics.ingest.countReport('store_failed');
        return reply.code(503).send({ code: error.code, message: error.message, fix: error.fix });
      }

      metrics.pulls.apply(outcome.increments);
      metrics.ingest.countReport(outcome.replayed ? 'replayed' : 'accepted');
      metrics.ingest.countPulls('stored', outcome.stored.length);
      metrics.ingest.countPulls('duplicate', outcome.duplicates);
      logger.debug(
        { node: report.node, seq: report.seq, stored: outcome.stored.length, duplicates: outcome.duplicates, replayed: outcome.replayed },
        'report accepted',
      );
      return {
        seq: report.seq,
        accepted: outcome.stored.length,
        duplicates: outcome.duplicates,
        replayed: outcome.replayed,
      };
    },
  );
}
