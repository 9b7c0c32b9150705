import type { LintRule, RuleHit } from '../types.js';
import { hostsViews } from './hosts-views.js';

export const overridePathMismatch: LintRule = {
  id: 'override_path_mismatch',
  severity: 'warning',
  summary: 'override_path does not fit the host URL path, so the mirror answers 404 or a web page.',
  fix: 'use override_path = true only with a URL whose path is the registry API root (a proxy project path); leave it off for plain hosts',
  check(input) {
    const hits: RuleHit[] = [];
    for (const view of hostsViews(input)) {
      for (const host of view.mirrors) {
        const path = host.parsed.path;
        if (host.overridePath && path === '') {
          hits.push({
            file: view.file,
            line: host.line,
            message: `override_path = true on ${host.url}, which has no path, so requests lose the /v2 prefix`,
            fix: 'remove override_path, or add the API path to the URL',
          });
        } else if (!host.overridePath && path !== '' && !path.endsWith('/v2')) {
          hits.push({
            file: view.file,
            line: host.line,
            message: `${host.url} has path ${path} without override_path, so containerd appends /v2 after it`,
            fix: 'add override_path = true to this host table',
          });
        }
      }
    }
    return hits;
  },
};
