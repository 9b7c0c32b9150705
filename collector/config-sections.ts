import { Type, type TSchema } from '@sinclair/typebox';
import { KubeConfigSchema } from './kube/config.js';
import { RegistryConfigSchema } from './registry/config.js';
import { VerdictConfigSchema } from './verdict/config.js';

/**
 * Config sections owned by other collector areas, spread into the collector config's top
 * level. Without `kube` the collector watches no cluster and every verdict is UNKNOWN;
 * without `registry` completeness of version N cannot be proven, with the same effect.
 */
export const collectorConfigSections = {
  kube: Type.Optional(KubeConfigSchema),
  verdict: VerdictConfigSchema,
  registry: Type.Optional(RegistryConfigSchema),
} satisfies Record<string, TSchema>;
