import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { silentLogger } from '../../core/log.js';
import { parseSpoolLine, type SpoolEntry } from './spool-entry.js';
import { Spool } from './spool.js';
import { pullRecord } from './testing/pull-fixture.js';

function entry(seq: number, pulls = 1): SpoolEntry {
  return { seq, position: `cursor-${seq}`, pulls: Array.from({ length: pulls }, (_, i) => pullRecord(`img-${seq}-${i}`)) };
}

describe('Spool', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-spool-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (maxBytes = 1024 * 1024, segmentBytes?: number) =>
    new Spool({ dir, maxBytes, segmentBytes, clock: new FakeClock(), logger: silentLogger() });

  it('keeps entries across reopen', () => {
    const spool = open();
    spool.append(entry(1));
    spool.append(entry(2));

    const reopened = open();
    expect(reopened.length).toBe(2);
    expect(reopened.peek()?.seq).toBe(1);
  });

  it('forgets acknowledged entries', () => {
    const spool = open(1024 * 1024, 100);
    spool.append(entry(1));
    spool.append(entry(2));
    spool.acknowledge(1);

    const reopened = open();
    expect(reopened.peek()?.seq).toBe(2);
    expect(reopened.length).toBe(1);
    expect(readdirSync(dir).filter((name) => name.startsWith('segment-'))).toEqual(['segment-000000000002.jsonl']);
  });

  it('drops oldest at bound', () => {
    const single = Buffer.byteLength(`${JSON.stringify(entry(1))}\n`);
    const spool = open(single * 2 + 10);
    spool.append(entry(1));
    spool.append(entry(2));
    const dropped = spool.append(entry(3));

    expect(dropped).toEqual({ entries: 1, pulls: 1 });
    expect(spool.peek()?.seq).toBe(2);
    expect(open(single * 2 + 10).length).toBe(2);
  });

  it('keeps newest oversized entry', () => {
    const spool = open(10);
    spool.append(entry(1, 3));
    expect(spool.length).toBe(1);
  });

  it('cuts torn last line', () => {
    const spool = open();
    spool.append(entry(1));
    const segment = join(dir, 'segment-000000000001.jsonl');
    appendFileSync(segment, '{"seq":2,"posi');

    const reopened = open();
    expect(reopened.length).toBe(1);
    expect(readFileSync(segment, 'utf8').endsWith('}\n')).toBe(true);
    expect(reopened.quarantined).toBe(0);
  });

  it('quarantines corrupt file keeping valid', () => {
    const spool = open();
    spool.append(entry(1));
    spool.append(entry(2));
    const segment = join(dir, 'segment-000000000001.jsonl');
    const [first, second] = readFileSync(segment, 'utf8').split('\n');
    writeFileSync(segment, `${first}\n{"seq":"garbage"}\n${second}\n`);

    const reopened = open();
    expect(reopened.quarantined).toBe(1);
    expect(reopened.length).toBe(2);
    expect(readdirSync(join(dir, 'quarantine'))).toHaveLength(1);
    expect(existsSync(segment)).toBe(true);
  });

  it('reports spooled bytes and records', () => {
    const spool = open();
    spool.append(entry(1, 2));
    spool.append(entry(2, 3));
    expect(spool.records).toBe(5);
    expect(spool.bytes).toBe(readFileSync(join(dir, 'segment-000000000001.jsonl')).length);
  });
});

describe('parseSpoolLine', () => {
  const cases: Array<[string, string, boolean]> = [
    ['valid entry', JSON.stringify(entry(4)), true],
    ['invalid JSON', '{"seq":', false],
    ['extra key', JSON.stringify({ ...entry(4), extra: 1 }), false],
    ['bad pull id', JSON.stringify({ ...entry(4), pulls: [{ ...pullRecord('x'), id: 'nothex' }] }), false],
  ];
  for (const [name, line, ok] of cases) {
    it(`parses ${name}`, () => {
      expect(parseSpoolLine(line).ok).toBe(ok);
    });
  }
});
