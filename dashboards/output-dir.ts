import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { dashboardsError } from './errors.js';

/**
 * Creates `directory` and its missing parents one level at a time. Node's recursive mkdir
 * retries forever on ENOENT under /proc, so each level is created without `recursive` and
 * the walk ends at the filesystem root.
 */
export function ensureOutputDirectory(directory: string): void {
  const target = resolve(directory);
  const missing: string[] = [];

  let current = target;
  while (!isDirectory(current, directory)) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) {
      break;
    }
    current = parent;
  }

  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && isDirectory(path, directory)) {
        continue;
      }
      throw dashboardsError('GW_DASHBOARDS_MKDIR', { dir: directory, reason: describeFsError(err, path) }, err);
    }
  }
}

/**
 * Returns whether `path` is a directory: false when it or a parent is missing (ENOTDIR means
 * a parent is a file, which the walk up then finds), throws when it is a file.
 */
function isDirectory(path: string, directory: string): boolean {
  let stats;
  try {
    stats = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return false;
    }
    throw dashboardsError('GW_DASHBOARDS_MKDIR', { dir: directory, reason: describeFsError(err, path) }, err);
  }
  if (!stats.isDirectory()) {
    throw dashboardsError('GW_DASHBOARDS_NOT_DIRECTORY', { dir: directory, path });
  }
  return true;
}

/** Describes an fs error in one line: the errno code and its path, without a stack. */
export function describeFsError(err: unknown, path: string): string {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only filesystem',
    ENOSPC: 'no space left on device',
    ENOENT: 'the filesystem does not allow creating it',
  };
  return `${reasons[code] ?? (err as Error).message} (${code} on ${path})`;
}
