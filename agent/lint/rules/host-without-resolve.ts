import type { LintRule } from '../types.js';
import { hostsViews } from './hosts-views.js';

export const hostWithoutResolve: LintRule = {
  id: 'host_without_resolve',
  severity: 'warning',
  summary: 'A mirror host lacks the resolve capability, so tags are resolved by the next host, usually the upstream.',
  fix: 'add "resolve" to capabilities, or pull by digest only',
  check(input) {
    return hostsViews(input).flatMap((view) =>
      view.mirrors
        .filter((host) => host.capabilities !== null && !host.capabilities.includes('resolve'))
        .map((host) => ({
          file: view.file,
          line: host.line,
          message: `mirror ${host.url} for ${view.namespace} has capabilities ${JSON.stringify(host.capabilities)} without "resolve", so tag pulls skip it`,
        })),
    );
  },
};
