import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { systemClock, type Clock } from '../../core/clock.js';
import { createLogger } from '../../core/log.js';
import { lintError } from '../../agent/lint/errors.js';
import { formatJson } from '../../agent/lint/format/json.js';
import { formatSarif } from '../../agent/lint/format/sarif.js';
import { formatText } from '../../agent/lint/format/text.js';
import { lintNode } from '../../agent/lint/lint.js';
import { lintRules } from '../../agent/lint/rules/index.js';
import { EXIT_FINDING, EXIT_OK } from '../exit-codes.js';

export interface LintCommandOptions {
  root: string;
  configFile?: string;
  certsDir?: string;
  format: 'text' | 'json' | 'sarif';
  expiryWarningDays: number;
}

/** Lints a node tree, writes the report and returns the exit code: 1 when any finding is an error. */
export async function runLintCommand(
  options: LintCommandOptions,
  write: (text: string) => void,
  clock: Clock = systemClock,
): Promise<number> {
  const root = resolve(options.root);
  const rootInfo = await stat(root).catch(() => null);
  if (!rootInfo?.isDirectory()) {
    throw lintError('GW_LINT_ROOT_MISSING', { root });
  }

  const findings = await lintNode(
    {
      root,
      configFile: options.configFile ?? null,
      certsDir: options.certsDir ?? null,
      registriesYaml: null,
      nowMs: clock.now(),
      expiryWarningDays: options.expiryWarningDays,
    },
    createLogger({ name: 'cli', level: 'warn' }),
  );

  if (options.format === 'json') {
    write(formatJson(findings));
  } else if (options.format === 'sarif') {
    write(formatSarif(findings, lintRules, root, process.env.npm_package_version ?? '0.1.0'));
  } else {
    write(formatText(findings));
  }
  return findings.some((finding) => finding.severity === 'error') ? EXIT_FINDING : EXIT_OK;
}

export function register(program: Command): void {
  program
    .command('lint')
    .description(
      'Check containerd registry config (config.toml, imports, certs.d/*/hosts.toml, ca/client files, k3s/rke2 registries.yaml). Exits 1 on any error finding, 0 otherwise, 3 on usage errors.',
    )
    .option('--root <dir>', 'directory prefixed to every default path, to lint a copied node filesystem', '/')
    .option('--config-file <path>', 'containerd config file (default: <root>/etc/containerd/config.toml)')
    .option('--certs-dir <path>', 'certs.d directory (default: config_path from the config, else <root>/etc/containerd/certs.d)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(
      new Option('--expiry-warning-days <days>', 'warn about certificates expiring within this many days')
        .default(30)
        .argParser(parseDays),
    )
    .action(async (options: LintCommandOptions) => {
      process.exitCode = await runLintCommand(options, (text) => process.stdout.write(text));
    });
}

function parseDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0) {
    throw new InvalidArgumentError(`expected a whole number of days, got "${value}".`);
  }
  return days;
}
