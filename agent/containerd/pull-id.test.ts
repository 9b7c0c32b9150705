import { describe, expect, it } from 'vitest';
import { pullRecordId } from './pull-id.js';

const LINE = 'time="2026-03-02T10:00:00.000000000Z" level=info msg="PullImage \\"nginx:1.25\\""';

describe('pull record id', () => {
  it.each([
    { startedAt: '2026-03-02T10:00:00.000000000Z', prefix: (Date.parse('2026-03-02T10:00:00Z') / 1000).toString(16) },
    { startedAt: '1970-01-01T00:00:01Z', prefix: '00000001' },
    { startedAt: null, prefix: '00000000' },
    { startedAt: 'not a time', prefix: '00000000' },
  ])('prefixes start time $startedAt', ({ startedAt, prefix }) => {
    expect(pullRecordId('node-1', 'docker.io/library/nginx:1.25', startedAt, LINE).slice(0, 8)).toBe(prefix);
  });

  it('keeps the wire id format', () => {
    expect(pullRecordId('node-1', 'docker.io/library/nginx:1.25', null, LINE)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('repeats for the same pull', () => {
    const first = pullRecordId('node-1', 'docker.io/library/nginx:1.25', '2026-03-02T10:00:00Z', LINE);

    expect(pullRecordId('node-1', 'docker.io/library/nginx:1.25', '2026-03-02T10:00:00Z', LINE)).toBe(first);
  });

  it.each([
    { name: 'node', args: ['node-2', 'docker.io/library/nginx:1.25', '2026-03-02T10:00:00Z', LINE] as const },
    { name: 'image', args: ['node-1', 'docker.io/library/redis:7', '2026-03-02T10:00:00Z', LINE] as const },
    { name: 'first line', args: ['node-1', 'docker.io/library/nginx:1.25', '2026-03-02T10:00:00Z', `${LINE} `] as const },
  ])('differs by $name', ({ args }) => {
    const base = pullRecordId('node-1', 'docker.io/library/nginx:1.25', '2026-03-02T10:00:00Z', LINE);

    expect(pullRecordId(...args)).not.toBe(base);
  });
});
