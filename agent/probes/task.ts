import type { FindingsTask, FindingsTaskDeps } from '../findings/task.js';
import type { ProbesConfig } from './config.js';

// TODO: placeholder until the probes task is built; returns no task.
export function createProbesTasks(config: ProbesConfig, deps: FindingsTaskDeps): FindingsTask[] {
  void config;
  void deps;
  return [];
}
