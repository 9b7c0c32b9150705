import type { ProbeTarget } from './target.js';

/** An HTTP proxy to tunnel through; credentials stay out of `label`. */
export interface ProxyEndpoint {
  /** `http://host:port` without user info, safe for logs and reports. */
  label: string;
  host: string;
  port: number;
  /** `Proxy-Authorization` header value built from the URL's user info, if any. */
  authorization?: string;
}

/** Everything one probe needs; the runner owns the timeout through `signal`. */
export interface ProbeRequest {
  target: ProbeTarget;
  signal: AbortSignal;
  /** Trusted CA certificates in PEM. */
  ca: readonly string[];
  proxy?: ProxyEndpoint;
}

/**
 * One probe kind. Resolves with the HTTP status when the target's `/v2/` answered at all,
 * and rejects with the Node error (its `code` kept) when the path is blocked.
 */
export type Prober = (request: ProbeRequest) => Promise<{ status: number }>;
