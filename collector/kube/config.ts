import { Type, type Static } from '@sinclair/typebox';

/** The `kube` section of the collector config: where the Kubernetes API is. */
export const KubeConfigSchema = Type.Object(
  {
    /**
     * `in-cluster` uses the pod's service account; `kubeconfig` reads `kubeconfigPath`;
     * `url` talks plain HTTP to a loopback API server (tests and the demo).
     */
    source: Type.Union([Type.Literal('in-cluster'), Type.Literal('kubeconfig'), Type.Literal('url')], { default: 'in-cluster' }),
    kubeconfigPath: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 512, pattern: '^http://' })),
  },
  { additionalProperties: false },
);
export type KubeConfig = Static<typeof KubeConfigSchema>;
