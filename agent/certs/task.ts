import { systemClock, type Clock } from '../../core/clock.js';
import { RateLimitedLog } from '../../core/log.js';
import type { FindingsTask, FindingsTaskDeps } from '../findings/task.js';
import { collectCertificates } from './collect.js';
import type { CertsConfig } from './config.js';

const LOG_INTERVAL_MS = 60 * 60 * 1000;

/** Creates the periodic read of certificate files and served mirror chains. */
export function createCertsTasks(config: CertsConfig, deps: FindingsTaskDeps, clock: Clock = systemClock): FindingsTask[] {
  const logger = deps.logger.child({ node: deps.node, task: 'certs' });
  const limited = new RateLimitedLog(LOG_INTERVAL_MS, () => clock.now());

  const task: FindingsTask<'certificates'> = {
    section: 'certificates',
    schedule: config.schedule,
    async run(signal) {
      const section = await collectCertificates(
        {
          certsDir: deps.certsDir,
          extraPaths: config.extraPaths,
          servedChains: config.servedChains,
          handshakeTimeoutMs: config.handshakeTimeoutMs,
          root: '/',
        },
        clock,
        signal,
      );
      for (const error of section.errors) {
        limited.run(`${error.source}:${error.pathOrHost}`, (suppressed) =>
          logger.warn({ source: error.source, target: error.pathOrHost, suppressed }, error.message),
        );
      }
      return section;
    },
  };
  return [task];
}
