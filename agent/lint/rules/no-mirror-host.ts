import type { LintRule } from '../types.js';
import { hostsViews } from './hosts-views.js';

export const noMirrorHost: LintRule = {
  id: 'no_mirror_host',
  severity: 'warning',
  summary: 'A hosts.toml has no [host] table, so pulls go straight to the upstream server.',
  fix: 'add [host."https://<mirror>"] with capabilities = ["pull", "resolve"] and ca =',
  check(input) {
    return hostsViews(input)
      .filter((view) => view.mirrors.length === 0)
      .map((view) => ({
        file: view.file,
        line: 1,
        message: `hosts.toml of ${view.namespace} defines no mirror host, so pulls go straight to ${view.server?.url ?? `https://${view.namespace}`}`,
      }));
  },
};
