import { readFileSync, statSync } from 'node:fs';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import { collectorError } from '../errors.js';
import { tokenDigest } from './digest.js';

/** Milliseconds between checks whether a token file changed; the kubelet updates a mounted Secret with a delay of its own anyway. */
const RECHECK_MS = 1000;
/** A file larger than this is no token. */
const MAX_TOKEN_BYTES = 64 * 1024;

/**
 * One bearer token read from the first line of a file and re-read when the file changes
 * (size, mtime or inode, which a Secret volume's symlink swap changes), so rotation needs
 * no restart. Only the SHA-256 digest is kept in memory.
 */
export class TokenFile {
  private current: Buffer | null;
  private version: string;
  private checkedAt: number;

  constructor(
    readonly file: string,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    const loaded = readToken(file);
    this.current = loaded.digest;
    this.version = loaded.version;
    this.checkedAt = clock.now();
  }

  /** Digest of the current token, or null while the file is unusable (it then accepts nothing). */
  digest(): Buffer | null {
    const now = this.clock.now();
    if (now - this.checkedAt >= RECHECK_MS) {
      this.checkedAt = now;
      this.reloadIfChanged();
    }
    return this.current;
  }

  private reloadIfChanged(): void {
    try {
      if (fileVersion(this.file) === this.version) {
        return;
      }
      const loaded = readToken(this.file);
      this.current = loaded.digest;
      this.version = loaded.version;
      this.log.info({ file: this.file }, 'token file changed; the new token is in effect');
    } catch (err) {
      // A token that can no longer be read must stop working, or deleting it would not revoke it.
      if (this.current !== null || this.version !== 'unusable') {
        this.log.error({ err, file: this.file }, 'token file became unusable; it accepts no requests until it is fixed');
      }
      this.current = null;
      this.version = 'unusable';
    }
  }
}

function fileVersion(file: string): string {
  const info = statSync(file);
  return `${info.ino}:${info.size}:${info.mtimeMs}`;
}

function readToken(file: string): { digest: Buffer; version: string } {
  let text: string;
  let version: string;
  try {
    const info = statSync(file);
    if (!info.isFile() || info.size > MAX_TOKEN_BYTES) {
      throw new Error(info.isFile() ? `larger than ${MAX_TOKEN_BYTES} bytes` : 'not a regular file');
    }
    version = `${info.ino}:${info.size}:${info.mtimeMs}`;
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw collectorError('GW_COLLECTOR_TOKEN_FILE', { file, reason: (err as Error).message }, err);
  }
  const token = (text.split('\n')[0] ?? '').trim();
  if (token === '') {
    throw collectorError('GW_COLLECTOR_TOKEN_FILE', { file, reason: 'the first line is empty' });
  }
  return { digest: tokenDigest(token), version };
}
