import { hostname } from 'node:os';
import { Type, type Static } from '@sinclair/typebox';
import { loadConfigFile, validateConfig } from '../core/config.js';
import { CertsConfigSchema } from './certs/config.js';
import { DiskConfigSchema } from './disk/config.js';
import { EgressConfigSchema } from './egress/config.js';
import { LintConfigSchema } from './lint/config.js';
import { ProbesConfigSchema } from './probes/config.js';
import { agentError } from './errors.js';
import { MAX_PULLS_PER_REPORT } from '../wire/report.js';

const JournaldSourceSchema = Type.Object(
  {
    kind: Type.Literal('journald'),
    /** systemd unit whose entries are read, passed to `journalctl -u`; `containerd` when unset. */
    unit: Type.Optional(Type.String({ minLength: 1 })),
    /** Journal folder passed to `journalctl --directory`; unset reads the system journal. */
    directory: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

const FileSourceSchema = Type.Object(
  {
    kind: Type.Literal('file'),
    /** containerd log file, followed across rotation and truncation. */
    path: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

export const AgentConfigSchema = Type.Object(
  {
    /** Kubernetes node name; defaults to NODE_NAME, then the hostname. */
    node: Type.Optional(Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9]([-A-Za-z0-9._]*[A-Za-z0-9])?$' })),
    collectorUrl: Type.String({ format: 'uri', pattern: '^https?://', default: 'http://127.0.0.1:9410' }),
    /** File holding the collector's bearer token; never logged. */
    tokenFile: Type.Optional(Type.String({ minLength: 1 })),
    /** PEM CA bundle that verifies an https:// collector; system CAs when unset. */
    collectorCaFile: Type.Optional(Type.String({ minLength: 1 })),
    /** PEM client certificate for a collector that requires mTLS; its CN or a DNS SAN names this node. */
    clientCertFile: Type.Optional(Type.String({ minLength: 1 })),
    /** PEM private key of clientCertFile; never logged. */
    clientKeyFile: Type.Optional(Type.String({ minLength: 1 })),
    source: Type.Union([JournaldSourceSchema, FileSourceSchema], { default: { kind: 'journald' } }),
    certsDir: Type.String({ minLength: 1, default: '/etc/containerd/certs.d' }),
    containerdRoot: Type.String({ minLength: 1, default: '/etc/containerd' }),
    stateDir: Type.String({ minLength: 1, default: '/var/lib/gapwatch' }),
    /** Pull records per report; a full batch is sent before the interval ends. */
    batchSize: Type.Integer({ minimum: 1, maximum: MAX_PULLS_PER_REPORT, default: 500 }),
    /** Seconds between reports; an empty report still goes out as a heartbeat. */
    intervalSeconds: Type.Number({ minimum: 1, maximum: 86400, default: 15 }),
    /** Bytes of unsent reports kept on disk; the oldest are dropped beyond it. */
    spoolMaxBytes: Type.Integer({ minimum: 65536, default: 64 * 1024 * 1024 }),
    /** Seconds after a pull's last line before it is reported as abandoned. */
    abandonAfterSeconds: Type.Number({ minimum: 1, default: 600 }),
    /** `host:port` of the agent's own /metrics and /healthz. */
    metricsListen: Type.String({ minLength: 3, default: '127.0.0.1:9411' }),
    role: Type.Union([Type.Literal('node'), Type.Literal('mirror')], { default: 'node' }),
    /** Area sections; each schema supplies its own defaults, so an absent section runs with them. */
    probes: ProbesConfigSchema,
    egress: EgressConfigSchema,
    lint: LintConfigSchema,
    certs: CertsConfigSchema,
    disk: DiskConfigSchema,
  },
  { additionalProperties: false },
);

export type AgentConfigInput = Static<typeof AgentConfigSchema>;
export type AgentConfig = Readonly<AgentConfigInput & { node: string }>;
export type SourceConfig = AgentConfigInput['source'];

/** Validates a parsed agent config and fills the node name from NODE_NAME or the hostname. */
export function resolveAgentConfig(input: unknown, source: string, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const config = validateConfig(AgentConfigSchema, input, source);
  assertNoCredentials(config.collectorUrl);
  const node = config.node ?? env.NODE_NAME ?? hostname();
  return { ...config, node };
}

/** Reads and validates the agent's YAML config file. */
export function loadAgentConfig(file: string, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const config = loadConfigFile(AgentConfigSchema, file);
  assertNoCredentials(config.collectorUrl);
  return { ...config, node: config.node ?? env.NODE_NAME ?? hostname() };
}

/**
 * Rejects `user:password@` in the collector URL. undici drops it without sending it, and the
 * URL is logged, so it would both fail and leak. The error shows the URL without it.
 */
function assertNoCredentials(collectorUrl: string): void {
  const url = new URL(collectorUrl);
  if (url.username === '' && url.password === '') {
    return;
  }
  url.username = '';
  url.password = '';
  throw agentError('GW_AGENT_COLLECTOR_CREDENTIALS', { url: url.toString() });
}
