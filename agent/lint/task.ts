import { join } from 'node:path';
import { systemClock, type Clock } from '../../core/clock.js';
import type { FindingsTask, FindingsTaskDeps } from '../findings/task.js';
import type { LintConfig } from './config.js';
import { lintNode } from './lint.js';
import { toLintSection } from './section.js';

/** Creates the periodic lint of this node's containerd registry configuration. */
export function createLintTasks(config: LintConfig, deps: FindingsTaskDeps, clock: Clock = systemClock): FindingsTask[] {
  const logger = deps.logger.child({ node: deps.node, task: 'lint' });
  const task: FindingsTask<'lint'> = {
    section: 'lint',
    schedule: config.schedule,
    async run() {
      const findings = await lintNode(
        {
          root: '/',
          configFile: config.configFile || join(deps.containerdRoot, 'config.toml'),
          certsDir: deps.certsDir,
          registriesYaml: config.registriesYaml,
          nowMs: clock.now(),
          expiryWarningDays: config.expiryWarningDays,
        },
        logger,
      );
      logger.debug({ findings: findings.length }, 'lint finished');
      return toLintSection(findings);
    },
  };
  return [task];
}
