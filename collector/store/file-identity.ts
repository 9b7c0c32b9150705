import { statSync } from 'node:fs';

/** Device and inode of `file`, or null when it does not exist: equal values name the same file. */
export function fileIdentity(file: string): string | null {
  try {
    const stat = statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}
