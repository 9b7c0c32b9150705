import type { FindingsTask, FindingsTaskDeps } from '../findings/task.js';
import type { EgressConfig } from './config.js';

// TODO: placeholder until the egress task is built; returns no task.
export function createEgressTasks(config: EgressConfig, deps: FindingsTaskDeps): FindingsTask[] {
  void config;
  void deps;
  return [];
}
