import type { Command } from 'commander';
import { writeDashboards } from '../../dashboards/build.js';

export function register(program: Command): void {
  program
    .command('dashboards')
    .description('Write the Grafana dashboards as JSON, for provisioning or import.')
    .option('--output-dir <dir>', 'directory to write the JSON files to', 'dashboards/generated')
    .action((options: { outputDir: string }) => {
      for (const file of writeDashboards(options.outputDir)) {
        process.stdout.write(`${file}\n`);
      }
    });
}
