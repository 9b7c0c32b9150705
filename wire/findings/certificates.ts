import { Type, type Static } from '@sinclair/typebox';

// TODO: placeholder until the certificates section is defined.
export const CertificatesSectionSchema = Type.Object({}, { additionalProperties: false });
export type CertificatesSection = Static<typeof CertificatesSectionSchema>;
