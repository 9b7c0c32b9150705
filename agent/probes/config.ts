import { Type, type Static } from '@sinclair/typebox';

/** `host[:port]`; IPv6 literals go in brackets. Checked in detail by `parseTarget`. */
const TargetString = Type.String({ minLength: 1, maxLength: 261 });

export const ProxyDetectionSchema = Type.Object(
  {
    /** Read containerd's systemd unit and drop-ins and probe through its HTTPS proxy too. */
    detect: Type.Boolean({ default: true }),
    /** Unit name whose Environment= and EnvironmentFile= settings give containerd's proxy. */
    unit: Type.String({ minLength: 1, maxLength: 255, default: 'containerd.service' }),
    /** Directories searched for the unit file and `<unit>.d/*.conf` drop-ins, highest priority first. */
    systemdDirs: Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), {
      maxItems: 8,
      default: ['/etc/systemd/system', '/run/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'],
    }),
  },
  { additionalProperties: false, default: {} },
);

export const ProbesConfigSchema = Type.Object(
  {
    /**
     * Hosts that must stay unreachable. The default is empty so that tests and demos never touch
     * a public registry; the production list lives in deploy/config/agent-probes.yaml.
     */
    targets: Type.Array(TargetString, { maxItems: 64, default: [] }),
    /** Also probe the upstream `server` of every certs.d directory. */
    probeCertsDirUpstreams: Type.Boolean({ default: true }),
    /** node-cron expression with seconds; the default runs once a minute. */
    schedule: Type.String({ minLength: 1, maxLength: 64, default: '0 * * * * *' }),
    /** Time allowed for connect, TLS and the HTTP answer of one probe, in seconds. */
    timeoutSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 60, default: 5 }),
    /** Runs in a row an outcome must repeat before it is reported, so one DNS hiccup is not evidence. */
    confirmations: Type.Integer({ minimum: 1, maximum: 10, default: 2 }),
    /** PEM files trusted on top of Node's bundled roots, e.g. an interception proxy's CA under test. */
    caFiles: Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), { maxItems: 16, default: [] }),
    proxy: ProxyDetectionSchema,
  },
  { additionalProperties: false, default: {} },
);
export type ProbesConfig = Static<typeof ProbesConfigSchema>;
