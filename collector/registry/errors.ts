import { defineErrors } from '../../core/errors.js';

/** Coded failures of the OCI distribution client; each names the URL and what to check. */
export const registryError = defineErrors({
  GW_REGISTRY_UNREACHABLE: {
    message: 'registry {url} is unreachable: {reason}',
    fix: 'check that the mirror URL and port are right and that the registry is running and reachable from this host',
  },
  GW_REGISTRY_TIMEOUT: {
    message: 'request to {url} timed out after {timeoutMs} ms',
    fix: 'check the registry load and network path, or raise the timeout',
  },
  GW_REGISTRY_TLS: {
    message: 'TLS handshake with {url} failed: {reason}',
    fix: 'pass the CA that signed the registry certificate (--ca FILE) and check that the certificate is valid now and names this host',
  },
  GW_REGISTRY_CA_UNREADABLE: {
    message: 'cannot read CA file {file}: {reason}',
    fix: 'pass a readable PEM file with the CA certificate that signed the registry certificate',
  },
  GW_REGISTRY_UNAUTHORIZED: {
    message: 'registry {url} rejected the credentials with 401 Unauthorized',
    fix: 'supply a user name and password (or token) that the registry accepts for this repository',
  },
  GW_REGISTRY_FORBIDDEN: {
    message: 'registry {url} returned 403 Forbidden',
    fix: 'grant the account pull access to this repository in the registry',
  },
  GW_REGISTRY_TOKEN_FAILED: {
    message: 'token request to {realm} for {url} failed: {reason}',
    fix: 'check the token service named in the registry WWW-Authenticate challenge and the credentials',
  },
  GW_REGISTRY_NOT_FOUND: {
    message: 'registry returned 404 Not Found for {url}',
    fix: 'copy the image into the mirror (for example skopeo copy --all) or correct the repository, tag or digest',
  },
  GW_REGISTRY_SERVER_ERROR: {
    message: 'registry {url} returned HTTP {status}',
    fix: 'check the registry logs and its storage backend, then retry',
  },
  GW_REGISTRY_UNEXPECTED_STATUS: {
    message: 'registry {url} returned unexpected HTTP {status}',
    fix: 'check that the URL points at an OCI distribution registry (GET /v2/ should return 200 or 401)',
  },
  GW_REGISTRY_BAD_MANIFEST: {
    message: 'manifest at {url} is not a valid manifest: {reason}',
    fix: 'check the registry and re-push the image; the stored manifest may be corrupt or of an unsupported media type',
  },
  GW_REGISTRY_DIGEST_MISMATCH: {
    message: 'manifest at {url} has digest {actual}, expected {expected}',
    fix: 'the mirror content differs from the requested digest: re-copy the image by digest and check for a proxy rewriting responses',
  },
  GW_REGISTRY_MIRROR_URL: {
    message: 'invalid mirror URL {url}: {reason}',
    fix: 'pass an http:// or https:// URL such as https://127.0.0.1:5000, optionally with a repository prefix path',
  },
});
