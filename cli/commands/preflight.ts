import type { Command } from 'commander';

// TODO: not built yet.
export function register(program: Command): void {
  void program;
}
