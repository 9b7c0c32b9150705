import { parseArgs } from 'node:util';
import { ingestBenchError } from './ingest-errors.js';

/** Integer options shared by the ingest and scrape benches, with their defaults. */
export interface IntegerOption {
  name: string;
  default: number;
  min: number;
  max: number;
  hint: string;
}

/**
 * Parses `--name value` integer options and boolean `flags`. Unknown options and out-of-range
 * values raise GW_BENCH_INGEST_OPTION.
 */
export function parseBenchOptions(argv: readonly string[], integers: readonly IntegerOption[], flags: readonly string[]) {
  const optionSpecs = Object.fromEntries([
    ...integers.map((option) => [option.name, { type: 'string' as const }]),
    ...flags.map((flag) => [flag, { type: 'boolean' as const }]),
  ]);
  let parsed: Record<string, string | boolean | undefined>;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpecs, allowPositionals: false, strict: true }).values as typeof parsed;
  } catch (err) {
    const known = [...integers.map((option) => `--${option.name} N`), ...flags.map((flag) => `--${flag}`)].join(', ');
    // parseArgs names the offending option only inside its message, as '--name'.
    const option = /'--([^']+)'/.exec((err as Error).message)?.[1] ?? '?';
    throw ingestBenchError('GW_BENCH_INGEST_OPTION', { option, value: (err as Error).message, hint: `known options: ${known}` }, err);
  }

  const values: Record<string, number> = {};
  for (const option of integers) {
    const raw = parsed[option.name];
    const value = raw === undefined ? option.default : Number(raw);
    if (!Number.isInteger(value) || value < option.min || value > option.max) {
      throw ingestBenchError('GW_BENCH_INGEST_OPTION', { option: option.name, value: String(raw), hint: `${option.hint}, an integer from ${option.min} to ${option.max}` });
    }
    values[option.name] = value;
  }
  const enabled = new Set(flags.filter((flag) => parsed[flag] === true));
  return { values, enabled };
}

/** Returns true when `argv` requests the usage text. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Builds the usage text: each integer option with its default and range, then the flags. */
export function benchUsage(command: string, integers: readonly IntegerOption[], flags: readonly string[]): string {
  const lines = [`Usage: ${command} [options]`, '', 'Options:'];
  for (const option of integers) {
    lines.push(`  --${option.name} N`.padEnd(28) + `${option.hint} (default ${option.default}, ${option.min} to ${option.max})`);
  }
  for (const flag of flags) {
    lines.push(`  --${flag}`);
  }
  return `${lines.join('\n')}\n`;
}
