import type { AgentIdentity } from './identity.js';

/** The parts of a Node.js peer certificate that name its holder. */
export interface PeerCertificateNames {
  subject?: { CN?: string | string[] } | null;
  subjectaltname?: string;
}

/**
 * Builds the identity of a verified client certificate: its CN and DNS SANs name the nodes it
 * may report for. With `bindNode` false the certificate is valid for any node.
 */
export function certificateIdentity(certificate: PeerCertificateNames, bindNode: boolean): AgentIdentity | null {
  const cn = certificate.subject?.CN;
  const commonName = Array.isArray(cn) ? cn[0] : cn;
  const dnsNames = (certificate.subjectaltname ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length));
  const names = [...new Set([...(commonName ? [commonName] : []), ...dnsNames])];
  if (names.length === 0) {
    return null;
  }
  return {
    kind: 'certificate',
    name: `certificate ${names[0]}`,
    nodes: bindNode ? names : null,
    bucket: `certificate:${names[0]}`,
  };
}
