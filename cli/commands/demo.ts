import type { Command } from 'commander';
import { runDemo } from '../demo/run.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description('Run a collector and two agents on a replay of real containerd lines, all on 127.0.0.1, and print what they found.')
    .option('--dir <dir>', 'working directory for certificates, logs and databases (emptied first)', '.gapwatch-demo')
    .option('--keep-running', 'keep everything running after the summary, until Ctrl-C', false)
    .option('--no-monitoring', 'do not start Prometheus and Alertmanager even when installed')
    .action(async (options: { dir: string; keepRunning: boolean; monitoring: boolean }) => {
      await runDemo({
        directory: options.dir,
        keepRunning: options.keepRunning,
        monitoring: options.monitoring,
        write: (text) => process.stdout.write(text),
      });
    });
}
