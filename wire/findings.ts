import { Type, type Static } from '@sinclair/typebox';

// Node findings (leak probes, egress, lint, certificates, disk) travel in the same report as
// pulls. Each section is optional so an agent sends only what it has collected since the last
// report; the collector keeps the newest value of each section per node.
export const NodeFindingsSchema = Type.Object({}, { additionalProperties: false });
export type NodeFindings = Static<typeof NodeFindingsSchema>;
