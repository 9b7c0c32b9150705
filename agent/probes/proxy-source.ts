import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProbesConfig } from './config.js';
import { proxyFromEnvironment, type ProxySettings } from './proxy-env.js';
import { parseEnvironmentFile, parseUnitEnvironment, type UnitEnvironment } from './systemd-env.js';
import type { ProbeWarn } from './warn.js';

/**
 * Reads containerd's HTTPS proxy from its systemd unit, its `<unit>.d/*.conf` drop-ins and
 * their EnvironmentFile= files. Returns null when none sets a proxy. Files it cannot read are
 * logged and skipped; an invalid proxy URL is logged and added to `problems` instead of thrown.
 */
export function readContainerdProxy(settings: ProbesConfig['proxy'], warn: ProbeWarn, problems: string[] = []): ProxySettings | null {
  const files = unitFiles(settings.systemdDirs, settings.unit);
  let environment: UnitEnvironment = { assignments: [], files: [] };
  for (const file of files) {
    const text = readText(file, warn);
    if (text !== null) {
      environment = parseUnitEnvironment(text, environment);
    }
  }

  // systemd applies EnvironmentFile= after Environment=, so file values win.
  const env = new Map<string, string>(environment.assignments);
  for (const { path, optional } of environment.files) {
    const text = readText(path, optional ? null : warn);
    for (const [name, value] of text === null ? [] : parseEnvironmentFile(text)) {
      env.set(name, value);
    }
  }

  try {
    return proxyFromEnvironment(env, `${settings.unit} environment`);
  } catch (err) {
    warn(`proxy ${settings.unit}`, { err, unit: settings.unit }, 'containerd proxy setting is invalid, probing the direct path only');
    problems.push((err as Error).message);
    return null;
  }
}

/** Lists the unit file from the first directory that has it, then the drop-ins sorted by file name. */
export function unitFiles(dirs: readonly string[], unit: string): string[] {
  const main = dirs.map((dir) => join(dir, unit)).find((file) => readText(file, null) !== null);
  const dropIns = new Map<string, string>();
  // A drop-in in a higher-priority directory hides one of the same name further down.
  for (const dir of [...dirs].reverse()) {
    for (const name of listConf(join(dir, `${unit}.d`))) {
      dropIns.set(name, join(dir, `${unit}.d`, name));
    }
  }
  const sorted = [...dropIns.keys()].sort().map((name) => dropIns.get(name) as string);
  return main ? [main, ...sorted] : sorted;
}

function listConf(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.conf'));
  } catch {
    return [];
  }
}

function readText(file: string, warn: ProbeWarn | null): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    warn?.(`read ${file}`, { err, file }, 'cannot read containerd environment file, skipping it');
    return null;
  }
}
