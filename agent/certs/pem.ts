import { X509Certificate } from 'node:crypto';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Splits a PEM bundle into its certificate blocks; keys and other blocks are skipped. */
export function splitPemCertificates(text: string): string[] {
  return text.match(PEM_BLOCK) ?? [];
}

/**
 * Parses every certificate of a file: each block of a PEM bundle, or the whole file as
 * DER when it has no PEM header (containerd accepts both for `ca`). Throws when the file
 * holds no certificate or a block does not parse.
 */
export function parseCertificates(content: Buffer): X509Certificate[] {
  const text = content.toString('latin1');
  if (!text.includes('-----BEGIN')) {
    return [new X509Certificate(content)];
  }

  const blocks = splitPemCertificates(text);
  if (blocks.length === 0) {
    throw new Error('the file has PEM blocks but no CERTIFICATE block');
  }
  return blocks.map((block) => new X509Certificate(block));
}
