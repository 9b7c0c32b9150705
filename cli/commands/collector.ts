import type { Command } from 'commander';
import { createLogger } from '../../core/log.js';
import { loadCollectorConfig, resolveCollectorConfig } from '../../collector/config.js';
import { startCollector } from '../../collector/main.js';
import { startTracing } from '../../collector/tracing/sdk.js';

/** `gapwatch collector [--config FILE]`: serves ingest, metrics and the query API until SIGTERM or SIGINT. */
export function register(program: Command): void {
  program
    .command('collector')
    .description('Run the collector: ingest agent reports, keep history in SQLite, serve /metrics and /api/v1. Traces go to OTLP when OTEL_TRACES_EXPORTER=otlp.')
    .option('-c, --config <file>', 'collector YAML config file; built-in defaults (listen 127.0.0.1:9410) when omitted')
    .action(async (options: { config?: string }) => {
      const config = options.config ? loadCollectorConfig(options.config) : resolveCollectorConfig({}, 'built-in defaults');
      const logger = createLogger({ name: 'collector' });
      // Started before the server so the first requests are traced; off unless OTEL_TRACES_EXPORTER is set.
      const tracing = startTracing(process.env, logger.child({ component: 'tracing' }));
      const collector = await startCollector({ config, logger }).catch(async (err: unknown) => {
        await tracing.shutdown();
        throw err;
      });

      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          logger.info({ signal }, 'stopping the collector');
          collector.close().then(resolve, (err: unknown) => {
            logger.error({ err }, 'closing the collector failed');
            resolve();
          });
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await tracing.shutdown();
      logger.flush();
    });
}
