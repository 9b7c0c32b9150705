#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { isGapwatchError } from '../core/errors.js';
import { loadCommands } from './commands/index.js';
import { EXIT_ERROR } from './exit-codes.js';

const program = new Command('gapwatch')
  .description('Prove an air-gapped Kubernetes cluster stays air-gapped and its image mirror stays healthy.')
  .version(process.env.npm_package_version ?? '0.1.0')
  .showHelpAfterError()
  .exitOverride();

for (const register of await loadCommands(process.argv[2])) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportFailure(err);
}

function reportFailure(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander already printed help or the usage error.
    return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : EXIT_ERROR;
  }
  if (isGapwatchError(err)) {
    process.stderr.write(`gapwatch: ${err.describe()}\n`);
    return EXIT_ERROR;
  }
  process.stderr.write(`gapwatch: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
  return EXIT_ERROR;
}
