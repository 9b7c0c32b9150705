import { Type, type Static } from '@sinclair/typebox';
import { loadConfigFile, validateConfig } from '../core/config.js';
import { AuthConfigSchema, TlsConfigSchema } from './auth/config.js';
import { collectorConfigSections } from './config-sections.js';
import { collectorError } from './errors.js';

export const CollectorConfigSchema = Type.Object(
  {
    /** `host:port` the HTTP server binds; `[::1]:9410` for IPv6. */
    listen: Type.String({ minLength: 3, default: '127.0.0.1:9410' }),
    /** SQLite file; its directory is created when missing. */
    databasePath: Type.String({ minLength: 1, default: '/var/lib/gapwatch/collector.db' }),
    /** Largest accepted report body in bytes; larger bodies get 413. */
    bodyLimitBytes: Type.Integer({ minimum: 1024, maximum: 512 * 1024 * 1024, default: 32 * 1024 * 1024 }),
    /** Images with the most pulls that keep their own `image` label; the rest share `other`. */
    imageLabelLimit: Type.Integer({ minimum: 1, maximum: 10000, default: 100 }),
    /** Days of pull history kept; older pulls are deleted, metric totals are kept. */
    historyRetentionDays: Type.Number({ exclusiveMinimum: 0, maximum: 3650, default: 30 }),
    /** An agent is overdue when silent for longer than this many of its report intervals. */
    agentOverdueFactor: Type.Number({ minimum: 1, maximum: 100, default: 3 }),
    /** Agent, verdict and reader credentials and the ingest rate limit; see collector/auth/config.ts. */
    auth: Type.Optional(AuthConfigSchema),
    /** HTTPS and optional mTLS for the listener; plain HTTP without it. */
    tls: Type.Optional(TlsConfigSchema),
    ...collectorConfigSections,
  },
  { additionalProperties: false },
);

export type CollectorConfig = Readonly<Static<typeof CollectorConfigSchema>>;

/** Validates a parsed collector config object; `source` names its origin in errors. */
export function resolveCollectorConfig(input: unknown, source: string): CollectorConfig {
  const config = validateConfig(CollectorConfigSchema, input, source);
  parseListen(config.listen);
  return config;
}

/** Reads and validates the collector's YAML config file. */
export function loadCollectorConfig(file: string): CollectorConfig {
  const config = loadConfigFile(CollectorConfigSchema, file);
  parseListen(config.listen);
  return config;
}

/** Splits `host:port` or `[v6]:port` into fastify's listen options. */
export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value);
  const port = Number(match?.[3]);
  if (!match || port > 65535) {
    throw collectorError('GW_COLLECTOR_LISTEN_INVALID', { value });
  }
  return { host: match[1] ?? match[2] ?? '', port };
}
