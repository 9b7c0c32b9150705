import { describe, expect, it } from 'vitest';
import { pullRecordId } from './pull-id.js';

const LINE = 'time="2026-03-02T10:00:00.000000000Z" level=info msg="PullImage \\"nginx:1.25\\""';
const IMAGE = 'docker.io/library/nginx:1.25';
const STARTED = '2026-03-02T10:00:00Z';

describe('pull record id', () => {
  it('keeps the wire id format', () => {
    expect(pullRecordId('node-1', IMAGE, null, LINE)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('repeats for the same pull', () => {
    expect(pullRecordId('node-1', IMAGE, STARTED, LINE)).toBe(pullRecordId('node-1', IMAGE, STARTED, LINE));
  });

  // The collector deduplicates by id, so an upgraded agent must derive the ids earlier agents sent.
  it('matches the released derivation', () => {
    expect(pullRecordId('node-1', IMAGE, STARTED, LINE)).toBe('d0b3807d7ca4de897e9f49d4acd2ce6f');
  });

  it.each([
    { name: 'node', args: ['node-2', IMAGE, STARTED, LINE] as const },
    { name: 'image', args: ['node-1', 'docker.io/library/redis:7', STARTED, LINE] as const },
    { name: 'start time', args: ['node-1', IMAGE, '2026-03-02T10:00:01Z', LINE] as const },
    { name: 'first line', args: ['node-1', IMAGE, STARTED, `${LINE} `] as const },
  ])('differs by $name', ({ args }) => {
    expect(pullRecordId(...args)).not.toBe(pullRecordId('node-1', IMAGE, STARTED, LINE));
  });
});
