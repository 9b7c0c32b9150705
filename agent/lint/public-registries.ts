// Public registries an air-gapped node must never reach. Suffix entries match subdomains
// (`us-docker.pkg.dev` by `.pkg.dev`).
const PUBLIC_HOSTS = new Set([
  'docker.io',
  'registry-1.docker.io',
  'index.docker.io',
  'ghcr.io',
  'quay.io',
  'gcr.io',
  'k8s.gcr.io',
  'registry.k8s.io',
  'public.ecr.aws',
  'mcr.microsoft.com',
  'nvcr.io',
  'registry.gitlab.com',
  'docker.elastic.co',
  'registry.access.redhat.com',
  'registry.redhat.io',
]);
const PUBLIC_SUFFIXES = ['.gcr.io', '.pkg.dev', '.docker.io'];

/** Tells whether `host` (without port) is a well-known public registry. */
export function isPublicRegistry(host: string): boolean {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return PUBLIC_HOSTS.has(name) || PUBLIC_SUFFIXES.some((suffix) => name.endsWith(suffix));
}
