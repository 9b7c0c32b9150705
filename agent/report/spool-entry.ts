import { Type, type Static } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { NodeFindingsSchema } from '../../wire/findings.js';
import { PullRecordSchema } from '../../wire/pull.js';
import { MAX_PULLS_PER_REPORT } from '../../wire/report.js';

/** One sealed report waiting in the spool: its seq, content, and the source position it covers. */
export const SpoolEntrySchema = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    /** Tracker resume position when the report was built; saved once the collector acknowledges it. */
    position: Type.Union([Type.String(), Type.Null()]),
    pulls: Type.Array(PullRecordSchema, { maxItems: MAX_PULLS_PER_REPORT }),
    findings: Type.Optional(NodeFindingsSchema),
  },
  { additionalProperties: false },
);
export type SpoolEntry = Static<typeof SpoolEntrySchema>;

// ajv-formats ships CommonJS with a default export that NodeNext sees as a namespace.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validate = addFormats(new Ajv({ strict: false })).compile(SpoolEntrySchema);

export type SpoolLineResult = { ok: true; entry: SpoolEntry } | { ok: false; reason: string };

/** Parses one spool line; pure, so corruption handling is tested on literal text. */
export function parseSpoolLine(line: string): SpoolLineResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
  if (!validate(value)) {
    const first = validate.errors?.[0];
    return { ok: false, reason: `not a spool entry: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}` };
  }
  return { ok: true, entry: value as SpoolEntry };
}
