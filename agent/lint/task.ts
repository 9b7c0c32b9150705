import type { FindingsTask, FindingsTaskDeps } from '../findings/task.js';
import type { LintConfig } from './config.js';

// TODO: placeholder until the lint task is built; returns no task.
export function createLintTasks(config: LintConfig, deps: FindingsTaskDeps): FindingsTask[] {
  void config;
  void deps;
  return [];
}
