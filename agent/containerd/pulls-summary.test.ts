import { describe, expect, it } from 'vitest';
import { PullTracker } from './tracker.js';
import { countContainerdLines, formatPullsTable, roundDuration, sortByStartTime, summarizePulls } from './pulls-summary.js';
import type { HostsResolver, RegistryHost } from './types.js';

const mirror: RegistryHost = { host: '127.0.0.1:5443', url: 'https://127.0.0.1:5443', role: 'mirror', capabilities: ['pull', 'resolve'] };
const hosts: HostsResolver = { resolve: (namespace) => ({ namespace, hosts: [mirror], source: 'directory', file: null }) };

const at = (second: string) => `2026-12-04T19:12:${second}Z`;
const start = (second: string, image: string) => `time="${at(second)}" level=info msg="PullImage \\"${image}\\""`;
const done = (second: string, image: string) => `time="${at(second)}" level=info msg="PullImage \\"${image}\\" returns image reference \\"sha256:abc\\""`;

function track(lines: string[]) {
  const tracker = new PullTracker({ node: 'node-1', hosts });
  const records = lines.flatMap((text, index) => tracker.push({ text, position: String(index) }));
  return { records: [...records, ...tracker.flush()], tracker };
}

describe('pulls summary', () => {
  it('sorts rows by start time', () => {
    // b starts first but completes last, so the tracker returns it second.
    const { records } = track([start('01.000', 'example.io/b:1'), start('02.000', 'example.io/a:1'), done('03.000', 'example.io/a:1'), done('04.000', 'example.io/b:1')]);
    expect(records.map((record) => record.image)).toEqual(['example.io/a:1', 'example.io/b:1']);
    expect(sortByStartTime(records).map((record) => record.image)).toEqual(['example.io/b:1', 'example.io/a:1']);
  });

  it('sorts missing start last', () => {
    const { records } = track([start('01.000', 'example.io/a:1'), done('02.000', 'example.io/a:1')]);
    const first = records[0]!;
    const rows = sortByStartTime([{ ...first, image: 'none', startedAt: null }, { ...first, startedAt: '2026-12-04T20:12:00+01:00' }, first]);
    expect(rows.map((record) => record.startedAt)).toEqual(['2026-12-04T20:12:00+01:00', first.startedAt, null]);
  });

  it('rounds duration to microseconds', () => {
    const { records } = track([start('01.1', 'example.io/a:1'), done('02.3', 'example.io/a:1')]);
    expect(roundDuration(records[0]!).durationSeconds).toBe(1.2);
  });

  it('keeps null duration', () => {
    const { records } = track([start('01.1', 'example.io/a:1')]);
    expect(roundDuration(records[0]!).durationSeconds).toBeNull();
  });

  it('counts lines read and ignored', () => {
    const lines = ['hello', start('01.000', 'example.io/a:1'), done('02.000', 'example.io/a:1')];
    const { records, tracker } = track(lines);
    const table = formatPullsTable(records, summarizePulls(records, tracker.stats));
    expect(table).toContain('lines read 3: ignored 1, malformed 0');
  });

  it('flags input without containerd lines', () => {
    const lines = ['hello world', 'GET /index.html 200'];
    const { records, tracker } = track(lines);
    const table = formatPullsTable(records, summarizePulls(records, tracker.stats, countContainerdLines(lines)));
    expect(table).toContain('no line looked like a containerd log line');
  });

  it('accepts containerd log without pulls', () => {
    const lines = ['time="2026-12-04T19:12:01Z" level=info msg="starting containerd"'];
    const { records, tracker } = track(lines);
    const table = formatPullsTable(records, summarizePulls(records, tracker.stats, countContainerdLines(lines)));
    expect(table).not.toContain('no line looked like');
  });
});
