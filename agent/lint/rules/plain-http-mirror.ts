import { allRegistryBlocks } from '../config-view.js';
import { isTable, lineIn } from '../toml-document.js';
import { viewRegistriesYaml } from '../registries-view.js';
import { parseLooseUrl } from '../url.js';
import type { LintRule, RuleHit } from '../types.js';
import { hostsViews } from './hosts-views.js';

export const plainHttpMirror: LintRule = {
  id: 'plain_http_mirror',
  severity: 'warning',
  summary: 'A mirror is reached over plain HTTP, so image content and credentials cross the network unprotected.',
  fix: 'serve the mirror over HTTPS with a private CA and point the node at it with ca =',
  check(input) {
    const hits: RuleHit[] = [];

    for (const view of hostsViews(input)) {
      const settings = view.server ? [view.server, ...view.mirrors] : view.mirrors;
      for (const host of settings.filter((candidate) => candidate.parsed.scheme === 'http')) {
        hits.push({ file: view.file, line: host.line, message: `${view.namespace} uses plain HTTP host ${host.url}` });
      }
    }

    for (const block of allRegistryBlocks(input.configFiles)) {
      const mirrors = isTable(block.table.mirrors) ? block.table.mirrors : {};
      for (const [name, mirror] of Object.entries(mirrors)) {
        const endpoints = isTable(mirror) && Array.isArray(mirror.endpoint) ? mirror.endpoint : [];
        for (const endpoint of endpoints.filter((url): url is string => typeof url === 'string')) {
          if (parseLooseUrl(endpoint).scheme === 'http') {
            hits.push({
              file: block.config.document.file,
              line: lineIn(block.config.document, [...block.path, 'mirrors', name, 'endpoint']),
              message: `mirror "${name}" uses plain HTTP endpoint ${endpoint}`,
            });
          }
        }
      }
    }

    for (const yaml of input.registriesYaml) {
      for (const endpoint of viewRegistriesYaml(yaml.text).endpoints) {
        if (parseLooseUrl(endpoint.url).scheme === 'http') {
          hits.push({ file: yaml.file, line: endpoint.line, message: `mirror "${endpoint.mirror}" uses plain HTTP endpoint ${endpoint.url}` });
        }
      }
    }
    return hits;
  },
};
