import { allRegistryBlocks } from '../config-view.js';
import { lineIn, isTable } from '../toml-document.js';
import { viewRegistriesYaml } from '../registries-view.js';
import type { LintRule, RuleHit } from '../types.js';
import { hostsViews } from './hosts-views.js';

export const skipVerify: LintRule = {
  id: 'skip_verify',
  severity: 'error',
  summary: 'TLS verification is disabled for a registry host, so any machine on the path can serve images.',
  fix: 'remove skip_verify and set ca = "<path to the mirror CA>" for that host',
  check(input) {
    const hits: RuleHit[] = [];

    for (const view of hostsViews(input)) {
      const document = input.hostsFiles.find((hosts) => hosts.document.file === view.file)?.document;
      for (const settings of [view.topLevel, ...view.mirrors].filter((candidate) => candidate.skipVerify)) {
        hits.push({
          file: view.file,
          line: document ? lineIn(document, [...settings.tablePath, 'skip_verify']) : settings.line,
          message: `skip_verify = true for ${settings.url} in ${view.namespace}`,
        });
      }
    }

    for (const block of allRegistryBlocks(input.configFiles)) {
      const configs = isTable(block.table.configs) ? block.table.configs : {};
      for (const [host, config] of Object.entries(configs)) {
        const tls = isTable(config) ? config.tls : undefined;
        if (isTable(tls) && tls.insecure_skip_verify === true) {
          hits.push({
            file: block.config.document.file,
            line: lineIn(block.config.document, [...block.path, 'configs', host, 'tls', 'insecure_skip_verify']),
            message: `insecure_skip_verify = true for registry ${host}`,
            fix: `remove insecure_skip_verify and set ca_file, or move ${host} to hosts.toml with ca =`,
          });
        }
      }
    }

    for (const yaml of input.registriesYaml) {
      for (const key of viewRegistriesYaml(yaml.text).skipVerify) {
        hits.push({
          file: yaml.file,
          line: key.line,
          message: `insecure_skip_verify: true for registry ${key.path[1] ?? '?'}`,
          fix: 'remove insecure_skip_verify and set tls.ca_file to the mirror CA',
        });
      }
    }
    return hits;
  },
};
