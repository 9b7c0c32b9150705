import type { ProbesSection } from '../../wire/findings/probes.js';
import type { ProbeSessionDeps } from './session.js';
import { ProbeSession } from './session.js';
import type { ProbesConfig } from './config.js';

/**
 * Probes once for a command line or CronJob: runs the set `confirmations` times back to back
 * instead of waiting for the schedule, and returns the last section.
 */
export async function probeOnce(config: ProbesConfig, deps: ProbeSessionDeps): Promise<ProbesSection> {
  const session = new ProbeSession(config, deps);
  let section = await session.run();
  for (let run = 1; run < config.confirmations; run++) {
    section = await session.run();
  }
  return section;
}
