import { Type, type Static } from '@sinclair/typebox';

export const LintConfigSchema = Type.Object(
  {
    /** node-cron expression with seconds; lint re-reads files, so every few minutes is plenty. */
    schedule: Type.String({ minLength: 1, maxLength: 64, default: '0 */5 * * * *' }),
    /** containerd config; empty means config.toml in the agent's containerd root. */
    configFile: Type.String({ maxLength: 4096, default: '' }),
    /** k3s and rke2 registries.yaml files, checked when present. */
    registriesYaml: Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), {
      maxItems: 16,
      default: ['/etc/rancher/k3s/registries.yaml', '/etc/rancher/rke2/registries.yaml'],
    }),
    /** A certificate expiring within this many days is a warning; an expired one is an error. */
    expiryWarningDays: Type.Integer({ minimum: 0, maximum: 3650, default: 30 }),
  },
  { additionalProperties: false, default: {} },
);
export type LintConfig = Static<typeof LintConfigSchema>;
