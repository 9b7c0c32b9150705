import type { FindingsTask, FindingsTaskDeps } from '../findings/task.js';
import type { DiskConfig } from './config.js';

// TODO: placeholder until the disk task is built; returns no task.
export function createDiskTasks(config: DiskConfig, deps: FindingsTaskDeps): FindingsTask[] {
  void config;
  void deps;
  return [];
}
