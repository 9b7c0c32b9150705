import type { LintRule } from '../types.js';
import { hostsViews } from './hosts-views.js';

const DOCKER_HUB_API = 'registry-1.docker.io';

export const dockerHubWrongServer: LintRule = {
  id: 'docker_hub_wrong_server',
  severity: 'error',
  summary: 'docker.io/hosts.toml names a Docker Hub host other than its registry API as server.',
  fix: 'set server = "https://registry-1.docker.io"; docker.io itself serves the website, not the registry API',
  check(input) {
    return hostsViews(input)
      .filter((view) => view.namespace === 'docker.io' && view.server !== null)
      .flatMap((view) => {
        const server = view.server!;
        const host = server.parsed.host;
        const isDockerHost = host === 'docker.io' || host.endsWith('.docker.io');
        const correct = host === DOCKER_HUB_API && (server.parsed.path === '' || server.parsed.path === '/v2');
        if (!isDockerHost || correct) {
          return [];
        }
        return [{ file: view.file, line: server.line, message: `server of docker.io is ${server.url}, not https://${DOCKER_HUB_API}` }];
      });
  },
};
