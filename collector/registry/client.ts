/** A manifest or index as stored in the registry. */
export interface ManifestResponse {
  /** `sha256:...` computed from the body this client received. */
  digest: string;
  mediaType: string;
  /** Raw body; the digest is over these exact bytes. */
  body: Buffer;
}

/** Result of a HEAD request for a manifest or blob. */
export interface HeadResponse {
  /** Docker-Content-Digest header, or null when the registry sent none. */
  digest: string | null;
  size: number | null;
}

/**
 * The narrow seam to an OCI distribution registry, bound to one registry base URL. Every method
 * raises a coded GapwatchError (collector/registry/errors.ts) on failure, GW_REGISTRY_NOT_FOUND
 * for a 404.
 */
export interface RegistryClient {
  /** Base URL, `https://127.0.0.1:5000`, for messages. */
  readonly baseUrl: string;
  /** GETs a manifest by tag or digest; when `reference` is a digest the body must hash to it. */
  getManifest(repository: string, reference: string): Promise<ManifestResponse>;
  headManifest(repository: string, reference: string): Promise<HeadResponse>;
  headBlob(repository: string, digest: string): Promise<HeadResponse>;
  close(): Promise<void>;
}

/** Credentials for basic auth, also sent to a bearer token service. */
export interface RegistryCredentials {
  username: string;
  password: string;
}
