import { isPublicRegistry } from '../public-registries.js';
import type { LintRule } from '../types.js';
import { hostsViews } from './hosts-views.js';

export const serverPublicWithMirrors: LintRule = {
  id: 'server_public_with_mirrors',
  severity: 'warning',
  summary: 'Mirrors fail over to a public registry as `server`, so a mirror miss becomes an attempt to leave the air gap.',
  fix: 'set server to the mirror itself, or accept that a miss is tried upstream and watch for it',
  check(input) {
    return hostsViews(input)
      .filter((view) => view.mirrors.length > 0)
      .flatMap((view) => {
        // Without `server`, containerd uses the namespace itself as the upstream.
        const upstream = view.server?.parsed.host ?? view.namespace;
        if (!isPublicRegistry(upstream)) {
          return [];
        }
        return [
          {
            file: view.file,
            line: view.server?.line ?? 1,
            message: `${view.namespace} falls back to public registry ${upstream} when its mirrors miss`,
          },
        ];
      });
  },
};
