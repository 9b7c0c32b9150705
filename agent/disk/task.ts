import { systemClock, type Clock } from '../../core/clock.js';
import { RateLimitedLog } from '../../core/log.js';
import type { FilesystemsSection } from '../../wire/findings/filesystems.js';
import type { FindingsTask, FindingsTaskDeps } from '../findings/task.js';
import type { DiskConfig } from './config.js';
import { readUsage } from './usage.js';

const LOG_INTERVAL_MS = 60 * 60 * 1000;

/** Creates the periodic filesystem usage read of the configured paths. */
export function createDiskTasks(config: DiskConfig, deps: FindingsTaskDeps, clock: Clock = systemClock): FindingsTask[] {
  const logger = deps.logger.child({ node: deps.node, task: 'disk' });
  const limited = new RateLimitedLog(LOG_INTERVAL_MS, () => clock.now());

  const task: FindingsTask<'filesystems'> = {
    section: 'filesystems',
    schedule: config.schedule,
    async run() {
      const section: FilesystemsSection = { filesystems: [], errors: [] };
      for (const { path, role } of config.paths) {
        try {
          section.filesystems.push(await readUsage(path, role));
        } catch (err) {
          const message = (err as Error).message.slice(0, 2048);
          section.errors.push({ path, message });
          limited.run(path, (suppressed) => logger.warn({ err, path, suppressed }, 'filesystem usage read failed'));
        }
      }
      return section;
    },
  };
  return [task];
}
