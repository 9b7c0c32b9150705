import type { StatsFs } from 'node:fs';
import { statfs } from 'node:fs/promises';
import type { FilesystemRecord } from '../../wire/findings/filesystems.js';
import { diskError } from './errors.js';

/**
 * Computes usage from statfs numbers the way df does: used = blocks - bfree, and the ratio
 * is used / (used + bavail), so root's reserved blocks count as unavailable.
 */
export function usageFromStatfs(path: string, role: FilesystemRecord['role'], stats: Pick<StatsFs, 'bsize' | 'blocks' | 'bfree' | 'bavail'>): FilesystemRecord {
  const sizeBytes = stats.blocks * stats.bsize;
  const usedBytes = (stats.blocks - stats.bfree) * stats.bsize;
  const availBytes = stats.bavail * stats.bsize;
  const usable = usedBytes + availBytes;
  return { path, role, sizeBytes, usedBytes, availBytes, usedRatio: usable === 0 ? 0 : usedBytes / usable };
}

/** Reads the usage of the filesystem that contains `path`. */
export async function readUsage(path: string, role: FilesystemRecord['role']): Promise<FilesystemRecord> {
  try {
    return usageFromStatfs(path, role, await statfs(path));
  } catch (err) {
    throw diskError('GW_DISK_STATFS_FAILED', { path, reason: err }, err);
  }
}
