// Baseline for the ingest bench: a fastify server that parses report bodies and validates them
// with the collector's schema and validator compiler, then acknowledges them without storing.
// Its throughput is the ceiling of HTTP + JSON + schema validation on this machine.
// Run: node dist/bench/ingest-baseline.js [host:port]   (default 127.0.0.1:0)
import Fastify from 'fastify';
import { createLogger } from '../core/log.js';
import { strictValidatorCompiler } from '../collector/ingest/strict-validator.js';
import { ReportAckSchema, ReportSchema, type Report, type ReportAck } from '../wire/report.js';

// The collector's default body limit, so the baseline rejects nothing the collector accepts.
const BODY_LIMIT_BYTES = 32 * 1024 * 1024;
// bench/ingest-servers.ts waits for this log message.
const BASELINE_READY_MESSAGE = 'baseline server started';

const logger = createLogger({ name: 'bench-baseline' });
const [host = '127.0.0.1', port = '0'] = (process.argv[2] ?? '127.0.0.1:0').split(':');

const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES });
app.setValidatorCompiler(strictValidatorCompiler());
app.post<{ Body: Report; Reply: ReportAck }>(
  '/api/v1/reports',
  { schema: { body: ReportSchema, response: { 200: ReportAckSchema } } },
  async (request) => ({ seq: request.body.seq, accepted: request.body.pulls.length, duplicates: 0, replayed: false }),
);

await app.listen({ host, port: Number(port) });
const address = app.server.address();
const boundPort = typeof address === 'object' && address ? address.port : Number(port);
logger.info({ url: `http://${host}:${boundPort}` }, BASELINE_READY_MESSAGE);

const stop = (signal: NodeJS.Signals) => {
  logger.info({ signal }, 'stopping the baseline server');
  app.close().then(
    () => logger.flush(),
    (err: unknown) => logger.error({ err }, 'closing the baseline server failed'),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
