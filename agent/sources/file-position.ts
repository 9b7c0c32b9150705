/**
 * Where a file source stands: the inode it reads, the byte offset after the last line, and
 * a fingerprint of the file's first bytes, because a deleted file's inode number is often
 * reused at once by the next file created.
 */
export interface FilePosition {
  inode: number;
  offset: number;
  /** Hex SHA-1 prefix of the first min(FINGERPRINT_BYTES, offset) bytes. */
  fingerprint: string;
}

export const FINGERPRINT_BYTES = 64;

export function formatFilePosition(position: FilePosition): string {
  return `${position.inode}:${position.offset}:${position.fingerprint}`;
}

/** Parses `inode:offset:fingerprint`; returns null for anything else, so a foreign position restarts from the start. */
export function parseFilePosition(text: string | null): FilePosition | null {
  const match = text === null ? null : /^(\d+):(\d+):([0-9a-f]{1,40})$/.exec(text);
  if (!match) {
    return null;
  }
  return { inode: Number(match[1]), offset: Number(match[2]), fingerprint: match[3]! };
}
