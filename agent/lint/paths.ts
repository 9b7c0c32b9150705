import { isAbsolute, join, resolve } from 'node:path';

/** Default locations on a node, before --root is applied. */
export const DEFAULT_CONFIG_FILE = '/etc/containerd/config.toml';
export const DEFAULT_CERTS_DIR = '/etc/containerd/certs.d';
export const DEFAULT_REGISTRIES_YAML = ['/etc/rancher/k3s/registries.yaml', '/etc/rancher/rke2/registries.yaml'];

/**
 * Returns a resolver that maps paths written in node config files to paths on this
 * machine: absolute paths go under `root`, relative ones resolve against `relativeTo`.
 */
export function rootedResolver(root: string): (path: string, relativeTo: string) => string {
  return (path, relativeTo) => (isAbsolute(path) ? underRoot(root, path) : resolve(relativeTo, path));
}

/** Puts an absolute node path under `root` ('/' leaves it unchanged). */
export function underRoot(root: string, path: string): string {
  return resolve(root) === '/' ? path : join(root, path);
}
