import { Type, type Static } from '@sinclair/typebox';
import { CertificatesSectionSchema } from './findings/certificates.js';
import { EgressSectionSchema } from './findings/egress.js';
import { FilesystemsSectionSchema } from './findings/filesystems.js';
import { LintSectionSchema } from './findings/lint.js';
import { ProbesSectionSchema } from './findings/probes.js';

// Node findings travel in the same report as pulls. Each section is a complete snapshot of
// its kind and is optional, so an agent sends a section only when it has a new result; the
// collector keeps the newest snapshot of each section per node.
export const NodeFindingsSchema = Type.Object(
  {
    probes: Type.Optional(ProbesSectionSchema),
    egress: Type.Optional(EgressSectionSchema),
    lint: Type.Optional(LintSectionSchema),
    certificates: Type.Optional(CertificatesSectionSchema),
    filesystems: Type.Optional(FilesystemsSectionSchema),
  },
  { additionalProperties: false },
);
export type NodeFindings = Static<typeof NodeFindingsSchema>;
export type FindingsSection = keyof NodeFindings;
