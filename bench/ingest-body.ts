import { SeededRandom } from './fixture/seeded-random.js';
import { writePullId } from './ingest-body-id.js';
import { pullFragmentPool, type PullFragment } from './ingest-body-pool.js';
import { ISO_TIME_LENGTH, IsoTimeWriter } from './ingest-body-time.js';
import { nodeFindings } from './ingest-findings.js';
import { REPORT_INTERVAL_SECONDS, START_MS, type NodeIdentity, type WorkloadShape } from './ingest-workload.js';

/** One POST /api/v1/reports body, ready to send, with the facts the load worker counts. */
export interface ReportBody {
  seq: number;
  /** Pull records in the body. */
  pulls: number;
  /** UTF-8 JSON of a wire Report (wire/report.ts). */
  body: Buffer;
}

const ID_START = Buffer.from('{"id":"');
const STARTED_AT_START = Buffer.from('","startedAt":"');
const ENDED_AT_START = Buffer.from('","endedAt":"');
const TIMES_END = Buffer.from('",');
const RECORD_FIXED_LENGTH = ID_START.length + 32 + STARTED_AT_START.length + ISO_TIME_LENGTH + ENDED_AT_START.length + ISO_TIME_LENGTH + TIMES_END.length;
const COMMA = 0x2c;
const PULLS_END = Buffer.from(']}');

const isoTime = new IsoTimeWriter();

/**
 * Builds report bodies as bytes from a pool of pull records serialized once, so the load
 * generator spends little CPU per record. Only the id and the two times are written per record.
 * The same shape and seed give the same bodies in the same order of calls.
 */
export class ReportBodyBuilder {
  private readonly pool: readonly PullFragment[];
  private readonly picks: PullFragment[] = [];

  constructor(
    private readonly shape: WorkloadShape,
    catalog: readonly string[],
  ) {
    this.pool = pullFragmentPool(shape.seed, catalog);
  }

  /** Builds the next report of `identity` and advances its sequence number. */
  next(identity: NodeIdentity, withFindings: boolean): ReportBody {
    const seq = identity.nextSeq;
    identity.nextSeq += 1;
    const sentAtMs = START_MS + seq * REPORT_INTERVAL_SECONDS * 1000;
    const head = Buffer.from(reportHead(identity, seq, sentAtMs, withFindings));

    // Seeded per node and report, so which fragments a report carries does not depend on the
    // order in which the agents happen to send.
    const random = new SeededRandom(this.shape.seed ^ (identity.index * 7919 + seq * 104729));
    const picks = this.picks;
    picks.length = 0;
    let size = head.length + Math.max(0, this.shape.pullsPerReport - 1) + PULLS_END.length;
    for (let position = 0; position < this.shape.pullsPerReport; position++) {
      const fragment = this.pool[Math.floor(random.next() * this.pool.length)] as PullFragment;
      picks.push(fragment);
      size += pullRecordLength(fragment);
    }

    const body = Buffer.allocUnsafe(size);
    body.set(head, 0);
    let at = head.length;
    for (const [position, fragment] of picks.entries()) {
      if (position > 0) {
        body[at++] = COMMA;
      }
      at = writePullRecord(body, at, fragment, sentAtMs, this.shape.seed, identity.index, seq, position);
    }
    body.set(PULLS_END, at);

    return { seq, pulls: picks.length, body };
  }
}

/** Returns the report's JSON up to the opening bracket of `pulls`, the only field left open. */
function reportHead(identity: NodeIdentity, seq: number, sentAtMs: number, withFindings: boolean): string {
  const stats = { linesRead: seq * 400, parseErrors: 0, ambiguousLines: Math.floor(seq / 50), droppedPulls: 0 };
  const findings = withFindings ? `,"findings":${JSON.stringify(nodeFindings(identity.node, identity.index, sentAtMs))}` : '';
  return (
    `{"node":${JSON.stringify(identity.node)},"agentId":${JSON.stringify(identity.agentId)},"seq":${seq}` +
    `,"intervalSeconds":${REPORT_INTERVAL_SECONDS},"sentAt":"${new Date(sentAtMs).toISOString()}"` +
    `,"agentVersion":"0.1.0","role":"node","stats":${JSON.stringify(stats)}${findings},"pulls":[`
  );
}

/** Returns the byte length of the record that writePullRecord writes for `fragment`. */
export function pullRecordLength(fragment: PullFragment): number {
  return RECORD_FIXED_LENGTH + fragment.rest.length;
}

/**
 * Writes one pull record at `offset`: the id of (seed, node index, seq, position), times that
 * end `fragment.endOffsetMs` before `sentAtMs`, then the fragment's other fields. Returns the
 * offset after the record.
 */
export function writePullRecord(
  target: Buffer,
  offset: number,
  fragment: PullFragment,
  sentAtMs: number,
  seed: number,
  nodeIndex: number,
  seq: number,
  position: number,
): number {
  const endedAtMs = sentAtMs - fragment.endOffsetMs;
  const startedAtMs = endedAtMs - fragment.durationMs;

  let at = copyShort(target, offset, ID_START);
  at = writePullId(target, at, seed, nodeIndex, seq, position);
  at = copyShort(target, at, STARTED_AT_START);
  at = isoTime.write(target, at, startedAtMs);
  at = copyShort(target, at, ENDED_AT_START);
  at = isoTime.write(target, at, endedAtMs);
  at = copyShort(target, at, TIMES_END);
  return at + fragment.rest.copy(target, at);
}

/** Copies a few bytes with a loop, because TypedArray.set costs more than the copy at this size. */
function copyShort(target: Buffer, offset: number, source: Buffer): number {
  for (let index = 0; index < source.length; index++) {
    target[offset + index] = source[index] as number;
  }
  return offset + source.length;
}
