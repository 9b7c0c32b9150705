import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { loadConfigFile } from '../../core/config.js';
import { AlertsConfigSchema, type AlertsConfig } from '../../alerts/config.js';
import { defaultAlertsConfig, renderAlerts, type AlertsFormat } from '../../alerts/render.js';

interface AlertsOptions {
  config?: string;
  format: AlertsFormat;
  output?: string;
}

export function register(program: Command): void {
  program
    .command('alerts')
    .description('Render the alert rules with your thresholds, as a Prometheus rule file or a PrometheusRule resource.')
    .option('--config <file>', 'YAML file overriding thresholds and durations (see README, "Alerts")')
    .addOption(new Option('--format <format>', 'output format').choices(['rules', 'prometheusrule']).default('rules'))
    .option('--output <file>', 'write to this file instead of standard output')
    .action((options: AlertsOptions) => {
      const config: AlertsConfig = options.config
        ? (loadConfigFile(AlertsConfigSchema, options.config) as AlertsConfig)
        : defaultAlertsConfig();
      const text = renderAlerts(config, options.format);
      if (options.output) {
        writeFileSync(options.output, text);
      } else {
        process.stdout.write(text);
      }
    });
}
