import { Type, type Static } from '@sinclair/typebox';

export const MAX_CERTIFICATES = 512;

/** One X.509 certificate read from a file hosts.toml names, or served by a mirror in its TLS handshake. */
export const CertificateRecordSchema = Type.Object(
  {
    source: Type.Union([Type.Literal('file'), Type.Literal('served')]),
    /** File path for `file`, `host:port` for `served`. */
    pathOrHost: Type.String({ minLength: 1, maxLength: 4096 }),
    /** Position in the PEM bundle or served chain, 0 first. */
    index: Type.Integer({ minimum: 0, maximum: 1023 }),
    subject: Type.String({ maxLength: 1024 }),
    issuer: Type.String({ maxLength: 1024 }),
    serial: Type.String({ maxLength: 128 }),
    notBefore: Type.String({ format: 'date-time' }),
    notAfter: Type.String({ format: 'date-time' }),
    /** SHA-256 fingerprint, colon-separated hex as Node prints it. */
    fingerprint: Type.String({ maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type CertificateRecord = Static<typeof CertificateRecordSchema>;

/** A file or mirror whose certificates could not be read, so the collector can tell "none" from "failed". */
export const CertificateErrorSchema = Type.Object(
  {
    source: Type.Union([Type.Literal('file'), Type.Literal('served')]),
    pathOrHost: Type.String({ minLength: 1, maxLength: 4096 }),
    message: Type.String({ maxLength: 2048 }),
  },
  { additionalProperties: false },
);
export type CertificateError = Static<typeof CertificateErrorSchema>;

export const CertificatesSectionSchema = Type.Object(
  {
    certificates: Type.Array(CertificateRecordSchema, { maxItems: MAX_CERTIFICATES }),
    errors: Type.Array(CertificateErrorSchema, { maxItems: MAX_CERTIFICATES }),
  },
  { additionalProperties: false },
);
export type CertificatesSection = Static<typeof CertificatesSectionSchema>;
