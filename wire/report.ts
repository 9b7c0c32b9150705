import { Type, type Static } from '@sinclair/typebox';
import { NodeFindingsSchema } from './findings.js';
import { PullRecordSchema } from './pull.js';

export const MAX_PULLS_PER_REPORT = 5000;

/** Agent-side counters sent with every report so the collector can tell a silent agent from a quiet node. */
export const AgentStatsSchema = Type.Object(
  {
    linesRead: Type.Integer({ minimum: 0 }),
    parseErrors: Type.Integer({ minimum: 0 }),
    ambiguousLines: Type.Integer({ minimum: 0 }),
    /** Pull records dropped by the spool bound since the agent started. */
    droppedPulls: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

/** One POST /api/v1/reports body. */
export const ReportSchema = Type.Object(
  {
    /** Node name, as Kubernetes knows it. */
    node: Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9]([-A-Za-z0-9._]*[A-Za-z0-9])?$' }),
    /** Random id of the agent's state directory; a new id resets the sequence. */
    agentId: Type.String({ pattern: '^[0-9a-f]{16,64}$' }),
    /** Per-agent sequence number; a report whose seq was already accepted is acknowledged and ignored. */
    seq: Type.Integer({ minimum: 1 }),
    /** Seconds between reports, so the collector knows when an agent is overdue. */
    intervalSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 86400 }),
    sentAt: Type.String({ format: 'date-time' }),
    agentVersion: Type.String({ maxLength: 64 }),
    /** `node` or `mirror`; a mirror-role agent reports the registry's disk. */
    role: Type.Union([Type.Literal('node'), Type.Literal('mirror')]),
    pulls: Type.Array(PullRecordSchema, { maxItems: MAX_PULLS_PER_REPORT }),
    findings: Type.Optional(NodeFindingsSchema),
    stats: AgentStatsSchema,
  },
  { additionalProperties: false },
);
export type Report = Static<typeof ReportSchema>;

/** Collector reply to an accepted report. */
export const ReportAckSchema = Type.Object({
  seq: Type.Integer(),
  accepted: Type.Integer({ description: 'pull records stored' }),
  duplicates: Type.Integer({ description: 'pull records already stored' }),
  replayed: Type.Boolean({ description: 'true when this seq was already accepted' }),
});
export type ReportAck = Static<typeof ReportAckSchema>;
