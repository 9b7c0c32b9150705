import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoError } from './errors.js';

const MARKER = '.gapwatch-demo';

/**
 * Empties and prepares the demo directory. A directory that exists, is not empty and lacks the
 * marker a previous demo left is rejected, so `--dir ~` can never wipe a home directory.
 */
export function prepareDemoDirectory(directory: string): void {
  if (existsSync(directory) && !statSync(directory).isDirectory()) {
    throw demoError('GW_DEMO_DIR_NOT_DIRECTORY', { directory });
  }
  if (existsSync(directory) && readdirSync(directory).length > 0 && !existsSync(join(directory, MARKER))) {
    throw demoError('GW_DEMO_DIR_NOT_EMPTY', { directory });
  }
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, MARKER), 'Created by `gapwatch demo`; the demo empties this directory on its next run.\n');
}
