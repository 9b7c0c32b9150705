import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectorError } from '../errors.js';

/**
 * Locates the compiled writer thread script. A worker thread cannot load TypeScript, so when
 * the store runs from its sources (vitest), the thread runs the build output in dist/.
 */
export function writeWorkerUrl(): URL {
  const beside = new URL('./write-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) {
    return beside;
  }
  const built = new URL('../../dist/collector/store/write-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) {
    return built;
  }
  throw collectorError('GW_STORE_WORKER_MISSING', { path: fileURLToPath(beside) });
}
