import type { LintRule, RuleHit } from '../types.js';

const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const REGISTRY_DIR = new RegExp(`^(?:${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]+)?$`);

// Image references name Docker Hub as docker.io, so these directories match no normalised reference.
const DOCKER_HUB_ALIASES = new Set(['registry-1.docker.io', 'index.docker.io']);

/**
 * Explains why a certs.d directory name can never equal the registry of an image reference,
 * or returns null. A first path component without a dot or port (and not localhost) is
 * read as a Docker Hub namespace, never as a registry.
 */
export function unmatchableReason(name: string): string | null {
  if (name === '_default') {
    return null;
  }
  if (/^[a-z]+:\/\//i.test(name) || name.includes('/')) {
    return 'it contains a URL scheme or a path; the directory is named by host[:port] only';
  }
  if (!REGISTRY_DIR.test(name)) {
    return 'it is not a valid host[:port]';
  }
  if (!name.includes('.') && !name.includes(':') && name !== 'localhost') {
    return `an image reference "${name}/image" means docker.io/${name}/image, so a registry name needs a dot or a port`;
  }
  if (DOCKER_HUB_ALIASES.has(name.toLowerCase())) {
    return 'image references name Docker Hub as docker.io, so pulls use certs.d/docker.io instead';
  }
  return null;
}

export const dirNameUnmatchable: LintRule = {
  id: 'dir_name_unmatchable',
  severity: 'warning',
  summary: 'A certs.d directory name can never match the registry part of an image reference.',
  fix: 'rename the directory to the registry exactly as image references write it, port included (registry.example:5000)',
  check(input) {
    const hits: RuleHit[] = [];
    for (const hosts of input.hostsFiles) {
      const reason = unmatchableReason(hosts.namespace);
      if (reason) {
        hits.push({ file: hosts.document.file, line: 1, message: `directory "${hosts.namespace}" matches no image: ${reason}` });
      }
    }
    return hits;
  },
};
