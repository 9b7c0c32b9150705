import { createHash } from 'node:crypto';

/**
 * Derives a pull record id: 8 hex digits of the pull's start time in whole seconds, then 24 hex
 * characters of sha256 over node, image, start time and the text of the pull's first line. A
 * pull read twice (after an agent restart) keeps its id. The time prefix makes the ids of new
 * pulls sort together, so the collector's id index grows at its end instead of rewriting
 * random pages on every insert. A pull without a start time gets the prefix 00000000.
 */
export function pullRecordId(node: string, image: string, startedAt: string | null, firstLine: string): string {
  const hash = createHash('sha256')
    .update(`${node}\n${image}\n${startedAt ?? ''}\n${firstLine}`)
    .digest('hex')
    .slice(0, 24);
  return timePrefix(startedAt) + hash;
}

function timePrefix(startedAt: string | null): string {
  const ms = startedAt === null ? Number.NaN : Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) {
    return '00000000';
  }
  // Eight hex digits hold whole seconds until the year 2106.
  return Math.min(Math.floor(ms / 1000), 0xffffffff).toString(16).padStart(8, '0');
}
