import type { TSchema } from '@sinclair/typebox';

/**
 * Optional config sections owned by other collector areas (kube, verdict, registry). An area
 * adds its key here by importing its own schema, e.g. `kube: Type.Optional(KubeConfigSchema)`;
 * the collector config spreads these properties into its top-level object.
 */
export const collectorConfigSections = {} satisfies Record<string, TSchema>;
