import type { FindingsTask, FindingsTaskDeps } from '../findings/task.js';
import type { CertsConfig } from './config.js';

// TODO: placeholder until the certs task is built; returns no task.
export function createCertsTasks(config: CertsConfig, deps: FindingsTaskDeps): FindingsTask[] {
  void config;
  void deps;
  return [];
}
