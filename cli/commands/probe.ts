import type { Command } from 'commander';
import { systemClock } from '../../core/clock.js';
import { loadConfigFile, validateConfig } from '../../core/config.js';
import { createLogger } from '../../core/log.js';
import { ProbesConfigSchema, type ProbesConfig } from '../../agent/probes/config.js';
import { probeError } from '../../agent/probes/errors.js';
import { probeOnce } from '../../agent/probes/oneshot.js';
import { formatProbeTable, isLeak, isProvenBlocked } from '../../agent/probes/report.js';
import { EXIT_FINDING_SECONDARY, EXIT_OK } from '../exit-codes.js';

interface ProbeOptions {
  config?: string;
  timeout?: string;
  certsDir: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('probe')
    .description(
      'Probe public registries once, directly and through containerd\'s HTTPS proxy, and show what blocked each path. ' +
        'Exit code 0 when every path is proven blocked; 2 when any is not (a registry answered, TLS failed after ' +
        'a peer accepted the connection, or an unknown error); 3 on a usage or config error.',
    )
    .argument('[target...]', 'host[:port] to probe instead of the config targets and certs.d upstreams')
    .option('--config <file>', 'YAML probes config (targets, timeoutSeconds, confirmations, caFiles, proxy)')
    .option('--timeout <seconds>', 'time allowed per probe, in seconds (default 5)')
    .option('--certs-dir <dir>', 'containerd certs.d whose upstream servers are probed when no target is given', '/etc/containerd/certs.d')
    .option('--json', 'print the probes findings section as JSON instead of a table')
    .action(async (targets: string[], options: ProbeOptions) => {
      const config = buildConfig(targets, options);
      const logger = createLogger({ name: 'cli', level: process.env.GAPWATCH_LOG_LEVEL ?? 'warn' });
      const certsDir = targets.length === 0 && config.probeCertsDirUpstreams ? options.certsDir : null;

      const section = await probeOnce(config, { clock: systemClock, logger, certsDir });
      if (section.results.length === 0) {
        throw probeError('GW_PROBE_NO_TARGETS', { certsDir: options.certsDir });
      }

      // Fail closed: only outcomes where no peer responded count as blocked.
      const leak = section.results.some(isLeak);
      const allBlocked = section.results.every(isProvenBlocked);
      process.stdout.write(options.json ? `${JSON.stringify({ leak, allBlocked, ...section }, null, 2)}\n` : formatProbeTable(section));
      process.exitCode = allBlocked ? EXIT_OK : EXIT_FINDING_SECONDARY;
    });
}

// Command-line values override the file, and the result is validated again like any config.
function buildConfig(targets: string[], options: ProbeOptions): ProbesConfig {
  const base = options.config ? structuredClone(loadConfigFile(ProbesConfigSchema, options.config)) : {};
  const merged: Record<string, unknown> = { ...base };
  if (targets.length > 0) {
    merged.targets = targets;
  }
  if (options.timeout !== undefined) {
    merged.timeoutSeconds = Number(options.timeout);
  }
  return validateConfig(ProbesConfigSchema, merged, options.config ?? 'command line') as ProbesConfig;
}
