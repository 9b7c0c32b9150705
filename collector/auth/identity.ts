/** Sender of a request as one credential establishes it; it never contains the credential itself. */
export interface AgentIdentity {
  /** Credential kind, for logs. */
  kind: 'shared-token' | 'service-account' | 'certificate';
  /** Printable name: token file, `system:serviceaccount:NS:NAME` with pod and node, or certificate CN. */
  name: string;
  /** Nodes this credential may report for; null means any node (unbound). */
  nodes: readonly string[] | null;
  /** Rate-limit bucket key, one per agent. */
  bucket: string;
}

/** Returns the first identity that may not report for `node`, or null when all of them may. */
export function identityForbiddingNode(identities: readonly AgentIdentity[], node: string): AgentIdentity | null {
  for (const identity of identities) {
    if (identity.nodes !== null && !identity.nodes.includes(node)) {
      return identity;
    }
  }
  return null;
}
