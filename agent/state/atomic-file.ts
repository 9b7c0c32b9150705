import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file so that a crash leaves either the old or the new content: write a
 * temporary sibling, fsync it, rename it over the target, then fsync the folder.
 */
export function writeFileAtomic(file: string, content: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }

  renameSync(temporary, file);
  fsyncDirectory(dirname(file));
}

/** Flushes a folder's entries so a rename or a new file survives power loss. */
export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
