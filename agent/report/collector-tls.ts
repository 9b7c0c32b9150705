import { readFileSync, statSync } from 'node:fs';
import { Agent } from 'undici';
import { defineErrors } from '../../core/errors.js';

const tlsError = defineErrors({
  GW_AGENT_TLS_FILE: {
    message: 'TLS file {file} ({key}) is unusable: {reason}',
    fix: 'point {key} in the agent config at a readable PEM file, or remove it',
  },
  GW_AGENT_TLS_INCOMPLETE: {
    message: 'clientCertFile and clientKeyFile must be set together; only {present} is set',
    fix: 'set both keys to the agent\'s client certificate and private key, or neither',
  },
});

/** PEM files for an https:// collector: a CA to verify it, and a client certificate for mTLS. */
export interface CollectorTlsFiles {
  collectorCaFile?: string | undefined;
  clientCertFile?: string | undefined;
  clientKeyFile?: string | undefined;
}

/**
 * Builds the undici dispatcher for the collector connection and rebuilds it when a file's
 * size, mtime or inode changes, so renewed certificates take effect without a restart.
 * Returns undefined when no file is configured (undici's global dispatcher and system CAs).
 */
export class CollectorTls {
  private dispatcher: Agent | undefined;
  private version = '';

  constructor(private readonly files: CollectorTlsFiles) {
    const { clientCertFile, clientKeyFile } = files;
    if ((clientCertFile === undefined) !== (clientKeyFile === undefined)) {
      throw tlsError('GW_AGENT_TLS_INCOMPLETE', { present: clientCertFile !== undefined ? 'clientCertFile' : 'clientKeyFile' });
    }
  }

  current(): Agent | undefined {
    const { collectorCaFile, clientCertFile, clientKeyFile } = this.files;
    const entries = Object.entries({ collectorCaFile, clientCertFile, clientKeyFile }).filter((entry): entry is [string, string] => entry[1] !== undefined);
    if (entries.length === 0) {
      return undefined;
    }
    const version = entries.map(([key, file]) => `${key}=${fileVersion(file, key)}`).join(';');
    if (this.dispatcher === undefined || version !== this.version) {
      const previous = this.dispatcher;
      this.dispatcher = new Agent({
        connect: {
          ...(this.files.collectorCaFile ? { ca: readPem(this.files.collectorCaFile, 'collectorCaFile') } : {}),
          ...(this.files.clientCertFile ? { cert: readPem(this.files.clientCertFile, 'clientCertFile') } : {}),
          ...(this.files.clientKeyFile ? { key: readPem(this.files.clientKeyFile, 'clientKeyFile') } : {}),
        },
      });
      this.version = version;
      void previous?.close();
    }
    return this.dispatcher;
  }
}

function fileVersion(file: string, key: string): string {
  try {
    const info = statSync(file);
    return `${info.ino}:${info.size}:${info.mtimeMs}`;
  } catch (err) {
    throw tlsError('GW_AGENT_TLS_FILE', { file, key, reason: (err as Error).message }, err);
  }
}

function readPem(file: string, key: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw tlsError('GW_AGENT_TLS_FILE', { file, key, reason: (err as Error).message }, err);
  }
}
