import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { defineErrors } from '../../core/errors.js';
import { createLogger } from '../../core/log.js';
import { createRegistryClient } from '../../collector/registry/http-client.js';
import { parseMirrorUrl } from '../../collector/registry/mirror.js';
import { formatPreflightTable, preflightExitCode, runPreflight } from '../../collector/registry/preflight.js';

const preflightError = defineErrors({
  GW_PREFLIGHT_LIST_UNREADABLE: {
    message: 'cannot read image list {file}: {reason}',
    fix: 'pass a readable file with one image reference per line to --images',
  },
  GW_PREFLIGHT_LIST_EMPTY: {
    message: 'image list {file} names no image',
    fix: 'pass to --images a file with at least one image reference; an empty list proves nothing about the mirror',
  },
  GW_PREFLIGHT_TIMEOUT: {
    message: 'invalid --timeout {value}',
    fix: 'pass a positive number of seconds, such as --timeout 10 or --timeout 0.5',
  },
});

interface PreflightOptions {
  images: string;
  mirror: string;
  ca?: string;
  digests?: boolean;
  json?: boolean;
  timeout: string;
  verbose?: boolean;
}

/** `gapwatch preflight`: checks that every listed image is completely in the mirror. */
export function register(program: Command): void {
  program
    .command('preflight')
    .description('Check that every listed image, with every platform, resolves by digest in the mirror.')
    .requiredOption('--images <file>', 'file with one image reference per line; # starts a comment')
    .requiredOption('--mirror <url>', 'mirror base URL, such as https://registry.internal:5000; a path is a repository prefix')
    .option('--ca <file>', 'PEM file with the CA that signed the mirror certificate')
    .option('--digests', 'treat the file as a transfer manifest: every line pins repository@sha256:... and must resolve to it')
    .option('--json', 'print the report as JSON instead of a table')
    .option('--timeout <seconds>', 'timeout of each registry request, in seconds; fractions such as 0.5 are allowed', '10')
    .option('--verbose', 'log each failed check and retry to stderr (GAPWATCH_LOG_LEVEL sets the level too)')
    .addHelpText(
      'after',
      '\nCredentials come from GAPWATCH_REGISTRY_USERNAME and GAPWATCH_REGISTRY_PASSWORD when set.\n' +
        'Exit codes: 0 all complete, 1 an image is missing, incomplete or mismatched, 3 usage or connection error.',
    )
    .action(async (options: PreflightOptions) => {
      process.exitCode = await preflight(options);
    });
}

async function preflight(options: PreflightOptions): Promise<number> {
  const mirror = parseMirrorUrl(options.mirror);
  const timeoutMs = Math.round(Number(options.timeout) * 1000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw preflightError('GW_PREFLIGHT_TIMEOUT', { value: options.timeout });
  }

  let listText: string;
  try {
    listText = await readFile(options.images, 'utf8');
  } catch (err) {
    throw preflightError('GW_PREFLIGHT_LIST_UNREADABLE', { file: options.images, reason: (err as Error).message }, err);
  }

  // Failed checks are rows of the report already, so stderr gets only errors unless --verbose is set.
  const level = process.env.GAPWATCH_LOG_LEVEL ?? (options.verbose ? 'debug' : 'error');
  const logger = createLogger({ name: 'cli', level }).child({ command: 'preflight' });
  const username = process.env.GAPWATCH_REGISTRY_USERNAME;
  const password = process.env.GAPWATCH_REGISTRY_PASSWORD ?? '';
  const client = await createRegistryClient({
    baseUrl: mirror.baseUrl,
    ...(options.ca ? { caFile: options.ca } : {}),
    ...(username ? { credentials: { username, password } } : {}),
    timeoutMs,
    logger,
  });

  try {
    const report = await runPreflight({ listText, mirror, client, digests: options.digests === true, logger });
    if (report.summary.total === 0 && report.summary.invalid === 0) {
      throw preflightError('GW_PREFLIGHT_LIST_EMPTY', { file: options.images });
    }
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatPreflightTable(report));
    return preflightExitCode(report);
  } finally {
    await client.close();
  }
}
