import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../core/log.js';
import { startServerChild, type ServerChild } from './ingest-child.js';

const CLI_SCRIPT = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const BASELINE_SCRIPT = fileURLToPath(new URL('./ingest-baseline.js', import.meta.url));
const COLLECTOR_READY_MESSAGE = 'collector started';
const BASELINE_READY_MESSAGE = 'baseline server started';

export interface CollectorChild extends ServerChild {
  /** Temporary folder with the config, the SQLite database and any CPU profile. */
  dir: string;
  /** Folder that receives the .cpuprofile on exit, when profiling. */
  profileDir: string | null;
  /** Deletes `dir`; call after `stop`. */
  remove(): void;
}

/**
 * Starts `gapwatch collector` on 127.0.0.1 with a port the kernel picks and its SQLite
 * database in a fresh temporary folder. With `profile`, node writes a CPU profile on exit.
 */
export async function startCollectorChild(options: { logger: Logger; profile: boolean }): Promise<CollectorChild> {
  const dir = mkdtempSync(join(tmpdir(), 'gapwatch-ingest-bench-'));
  const configFile = join(dir, 'collector.yaml');
  writeFileSync(configFile, `listen: 127.0.0.1:0\ndatabasePath: ${join(dir, 'collector.db')}\n`);
  const profileDir = options.profile ? join(dir, 'profile') : null;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

  try {
    const child = await startServerChild({
      name: 'collector',
      script: CLI_SCRIPT,
      args: ['collector', '--config', configFile],
      nodeArgs,
      readyMessage: COLLECTOR_READY_MESSAGE,
      logger: options.logger,
    });
    return { ...child, dir, profileDir, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Starts the parse-and-validate baseline server on 127.0.0.1. */
export function startBaselineChild(logger: Logger): Promise<ServerChild> {
  return startServerChild({
    name: 'baseline',
    script: BASELINE_SCRIPT,
    args: ['127.0.0.1:0'],
    readyMessage: BASELINE_READY_MESSAGE,
    logger,
  });
}
