import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tmpfs mounted on a fresh temporary folder; needs root. */
export interface LabTmpfs {
  readonly dir: string;
  /** Unmounts the tmpfs and removes the folder. */
  stop(): Promise<void>;
}

/** Mounts a tmpfs of `sizeBytes` (rounded up to whole pages by the kernel), for full-disk tests. */
export function mountTmpfs(sizeBytes: number): LabTmpfs {
  const dir = mkdtempSync(join(tmpdir(), 'gw-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0700`, 'tmpfs', dir]);
  return {
    dir,
    async stop() {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
