import { createHash } from 'node:crypto';

/**
 * Derives a pull record id: 32 hex characters of sha256 over node, image, start time and the
 * text of the pull's first line, so a pull read twice (after an agent restart) keeps its id.
 */
export function pullRecordId(node: string, image: string, startedAt: string | null, firstLine: string): string {
  return createHash('sha256')
    .update(`${node}\n${image}\n${startedAt ?? ''}\n${firstLine}`)
    .digest('hex')
    .slice(0, 32);
}
