import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RateLimitedLog } from '../../core/log.js';
import { MAX_EGRESS_CONNECTIONS, type EgressSection } from '../../wire/findings/egress.js';
import type { FindingsTask, FindingsTaskDeps } from '../findings/task.js';
import { buildAllowedList } from './allowed.js';
import type { EgressConfig } from './config.js';
import { parseProcNetTcp } from './proc-net.js';
import { selectEgress } from './select.js';

// Read errors and leak lines repeat on every run; one line per key every 15 minutes is enough.
const LOG_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Builds the egress-watch task: each run reads `<procRoot>/net/tcp` and `tcp6` and reports
 * connections to watched ports outside the allowed networks. Throws GW_EGRESS_CIDR_INVALID
 * at build time for a bad CIDR, so a typo fails at start instead of hiding every connection.
 */
export function createEgressTasks(config: EgressConfig, deps: FindingsTaskDeps): FindingsTask[] {
  const logger = deps.logger.child({ node: deps.node, task: 'egress' });
  const allowed = buildAllowedList(config.allowedCidrs);
  const readErrors = new RateLimitedLog(LOG_INTERVAL_MS);
  const egressLog = new RateLimitedLog(LOG_INTERVAL_MS);

  const task: FindingsTask<'egress'> = {
    section: 'egress',
    schedule: config.schedule,
    async run() {
      const section: EgressSection = { connections: [], total: 0, malformedLines: 0, problems: [] };
      for (const name of ['tcp', 'tcp6']) {
        const file = join(config.procRoot, 'net', name);
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (err) {
          readErrors.run(file, (suppressed) => logger.warn({ err, file, suppressed }, 'cannot read socket table, skipping it'));
          section.problems.push(`cannot read ${file}: ${(err as Error).message}`.slice(0, 500));
          continue;
        }
        const parsed = parseProcNetTcp(text);
        const found = selectEgress(parsed.sockets, config.ports, allowed);
        section.malformedLines += parsed.malformedLines;
        section.total += found.length;
        section.connections.push(...found.slice(0, MAX_EGRESS_CONNECTIONS - section.connections.length));
      }

      for (const connection of section.connections) {
        const key = `${connection.remote} ${connection.port}`;
        egressLog.run(key, (suppressed) => logger.error({ ...connection, suppressed }, 'outbound connection outside the mirror networks: the air gap leaks'));
      }
      return section;
    },
  };
  return [task];
}
