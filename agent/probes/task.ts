import { systemClock, type Clock } from '../../core/clock.js';
import { RateLimitedLog } from '../../core/log.js';
import type { FindingsTask, FindingsTaskDeps } from '../findings/task.js';
import type { ProbesConfig } from './config.js';
import { ProbeSession } from './session.js';

const LEAK_LOG_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Builds the leak-probe task: every run probes each target directly and through containerd's
 * proxy, and reports confirmed outcomes. A confirmed `reachable` is logged as a leak, at most
 * once per target and path every 15 minutes.
 */
export function createProbesTasks(config: ProbesConfig, deps: FindingsTaskDeps, clock: Clock = systemClock): FindingsTask[] {
  const logger = deps.logger.child({ node: deps.node, task: 'probes' });
  const session = new ProbeSession(config, {
    clock,
    logger,
    certsDir: config.probeCertsDirUpstreams ? deps.certsDir : null,
  });
  const leakLog = new RateLimitedLog(LEAK_LOG_INTERVAL_MS, () => clock.now());

  const task: FindingsTask<'probes'> = {
    section: 'probes',
    schedule: config.schedule,
    async run(signal) {
      const section = await session.run(signal);
      for (const result of section.results.filter((entry) => entry.reachable)) {
        leakLog.run(`${result.path} ${result.target}`, (suppressed) =>
          logger.error({ target: result.target, path: result.path, detail: result.detail, suppressed }, 'public registry is reachable: the air gap leaks'),
        );
      }
      return section;
    },
  };
  return [task];
}
