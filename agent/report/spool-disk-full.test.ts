import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { silentLogger } from '../../core/log.js';
import type { SpoolEntry } from './spool-entry.js';
import { Spool } from './spool.js';
import { pullRecord } from './testing/pull-fixture.js';

function entry(seq: number): SpoolEntry {
  return { seq, position: `cursor-${seq}`, pulls: [pullRecord(`img-${seq}`)] };
}

describe('Spool with unwritable acked marker', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-spool-marker-'));
    // A non-empty folder named `acked` makes every marker write fail, even as root.
    mkdirSync(join(dir, 'acked'));
    writeFileSync(join(dir, 'acked', 'keep'), '');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (maxBytes = 1024 * 1024) => new Spool({ dir, maxBytes, segmentBytes: 100, clock: new FakeClock(), logger: silentLogger() });

  it('acknowledge still frees segment', () => {
    const spool = open();
    spool.append(entry(1));
    spool.append(entry(2));

    expect(() => spool.acknowledge(1)).not.toThrow();
    expect(spool.length).toBe(1);
    expect(readdirSync(dir).filter((name) => name.startsWith('segment-'))).toEqual(['segment-000000000002.jsonl']);
  });

  it('bound still drops oldest', () => {
    const single = Buffer.byteLength(`${JSON.stringify(entry(1))}\n`);
    const spool = open(single * 2 + 10);
    spool.append(entry(1));
    spool.append(entry(2));

    expect(spool.append(entry(3))).toEqual({ entries: 1, pulls: 1 });
    expect(spool.peek()?.seq).toBe(2);
  });
});
