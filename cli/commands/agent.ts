import type { Command } from 'commander';
import { createLogger } from '../../core/log.js';
import { loadAgentConfig } from '../../agent/config.js';
import { startAgent } from '../../agent/main.js';

/** Time the final report gets on SIGTERM/SIGINT; Kubernetes' default grace period is 30 s. */
const STOP_DEADLINE_MS = 10_000;

/** `gapwatch agent --config FILE`: reads containerd's log and reports pulls until SIGTERM or SIGINT. */
export function register(program: Command): void {
  program
    .command('agent')
    .description('Run the node agent: follow containerd\'s log, report pulls and node findings to the collector.')
    .requiredOption('-c, --config <file>', 'agent YAML config file')
    .action(async (options: { config: string }) => {
      const config = loadAgentConfig(options.config);
      const logger = createLogger({ name: 'agent' });
      const agent = await startAgent(config, { logger, processMetrics: true, version: process.env.npm_package_version });

      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          logger.info({ signal, deadlineMs: STOP_DEADLINE_MS }, 'stopping the agent; sending a final report');
          agent.stop({ flush: true, deadlineMs: STOP_DEADLINE_MS }).then(resolve, (err: unknown) => {
            logger.error({ err }, 'stopping the agent failed');
            resolve();
          });
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      logger.flush();
    });
}
