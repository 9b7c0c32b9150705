import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { formatPullsTable, summarizePulls } from './pulls-summary.js';
import { MAX_IN_FLIGHT_PULLS, PullTracker } from './tracker.js';
import type { HostsResolver, RegistryHost } from './types.js';

const mirror: RegistryHost = { host: '127.0.0.1:5443', url: 'https://127.0.0.1:5443', role: 'mirror', capabilities: ['pull', 'resolve'] };
const upstream: RegistryHost = { host: '127.0.0.1:5444', url: 'https://127.0.0.1:5444', role: 'upstream', capabilities: ['pull', 'resolve', 'push'] };
const hosts: HostsResolver = { resolve: (namespace) => ({ namespace, hosts: [mirror, upstream], source: 'directory', file: null }) };

const at = (second: number) => `2026-12-04T19:12:${String(second).padStart(2, '0')}.000000000Z`;
const start = (second: number, image: string) => `time="${at(second)}" level=info msg="PullImage \\"${image}\\""`;
const done = (second: number, image: string) => `time="${at(second)}" level=info msg="PullImage \\"${image}\\" returns image reference \\"sha256:abc\\""`;
const notFound = (second: number, host: string) => `time="${at(second)}" level=info msg="trying next host - response was http.StatusNotFound" host="${host}"`;
const failed = (second: number, image: string) =>
  `time="${at(second)}" level=error msg="PullImage \\"${image}\\" failed" error="rpc error: code = NotFound desc = ${image}: not found"`;

function run(lines: string[], tracker = new PullTracker({ node: 'node-1', hosts })) {
  const records = lines.flatMap((text, index) => tracker.push({ text, position: String(index) }));
  return { records: [...records, ...tracker.flush()], tracker };
}

describe('PullTracker', () => {
  it('classifies a mirror hit', () => {
    const { records } = run([start(1, 'example.io/a:1'), done(2, 'example.io/a:1')]);
    expect(records[0]?.servedBy).toBe('mirror');
    expect(records[0]?.servedHost).toBe('127.0.0.1:5443');
    expect(records[0]?.durationSeconds).toBe(1);
  });

  it('classifies an upstream leak', () => {
    const { records } = run([start(1, 'example.io/a:1'), notFound(1, '127.0.0.1:5443'), done(2, 'example.io/a:1')]);
    expect(records[0]?.servedBy).toBe('upstream');
    expect(records[0]?.servedHost).toBe('127.0.0.1:5444');
  });

  it('counts concurrent lines ambiguous', () => {
    const { records, tracker } = run([
      start(1, 'example.io/a:1'),
      start(1, 'example.io/b:1'),
      notFound(2, '127.0.0.1:5443'),
      done(3, 'example.io/a:1'),
      done(3, 'example.io/b:1'),
    ]);
    expect(tracker.stats.ambiguousLines).toBe(1);
    expect(records.map((record) => record.ambiguousLines)).toEqual([1, 1]);
    expect(records.flatMap((record) => record.attempts)).toEqual([]);
  });

  it('gives a line to the failed pull', () => {
    const { records, tracker } = run([
      start(1, 'example.io/a:1'),
      start(1, 'example.io/b:1'),
      notFound(2, '127.0.0.1:5443'),
      notFound(2, '127.0.0.1:5443'),
      notFound(2, '127.0.0.1:5444'),
      failed(3, 'example.io/b:1'),
      done(4, 'example.io/a:1'),
    ]);
    const byImage = Object.fromEntries(records.map((record) => [record.image, record.attempts.map((attempt) => attempt.host)]));
    expect(byImage).toEqual({ 'example.io/b:1': ['127.0.0.1:5443', '127.0.0.1:5444'], 'example.io/a:1': ['127.0.0.1:5443'] });
    expect(tracker.stats.ambiguousLines).toBe(0);
  });

  it('abandons on flush', () => {
    const { records } = run([start(1, 'example.io/a:1')]);
    expect(records[0]?.outcome).toBe('abandoned');
    expect(records[0]?.durationSeconds).toBeNull();
  });

  it('expires by line time', () => {
    const tracker = new PullTracker({ node: 'node-1', hosts, abandonAfterMs: 10_000 });
    tracker.push({ text: start(1, 'example.io/a:1'), position: '0' });
    const expired = tracker.push({ text: start(30, 'example.io/b:1'), position: '1' });
    expect(expired.map((record) => [record.image, record.outcome])).toEqual([['example.io/a:1', 'abandoned']]);
  });

  it('expires timeless lines by clock', () => {
    const clock = new FakeClock();
    const tracker = new PullTracker({ node: 'node-1', hosts, abandonAfterMs: 10_000, clock });
    tracker.push({ text: 'level=info msg="PullImage \\"example.io/a:1\\""', position: '0' });
    clock.advance(11_000);
    expect(tracker.expire(clock.now()).map((record) => record.outcome)).toEqual(['abandoned']);
  });

  it('resumes before oldest pull', () => {
    const tracker = new PullTracker({ node: 'node-1', hosts });
    tracker.push({ text: 'time="2026-12-04T19:12:00Z" level=info msg="Start streaming server"', position: 'p0' });
    tracker.push({ text: start(1, 'example.io/a:1'), position: 'p1' });
    tracker.push({ text: start(2, 'example.io/b:1'), position: 'p2' });
    tracker.push({ text: done(3, 'example.io/b:1'), position: 'p3' });
    expect(tracker.resumePosition()).toBe('p0');
  });

  it('resumes at last line idle', () => {
    const { tracker } = run([start(1, 'example.io/a:1'), done(2, 'example.io/a:1')]);
    expect(tracker.resumePosition()).toBe('1');
  });

  it('keeps ids across rereads', () => {
    const lines = [start(1, 'example.io/a:1'), done(2, 'example.io/a:1')];
    expect(run(lines).records[0]?.id).toBe(run(lines).records[0]?.id);
  });

  it('builds ids of 32 hex', () => {
    expect(run([start(1, 'example.io/a:1')]).records[0]?.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reads sandbox image failures', () => {
    const line = `time="${at(5)}" level=error msg="RunPodSandbox for &PodSandboxMetadata{Name:p,} failed, error" error="failed to get sandbox image \\"registry.k8s.io/pause:3.6\\": failed to pull image \\"registry.k8s.io/pause:3.6\\": dial tcp 127.0.0.1:443: connect: connection refused"`;
    const { records } = run([line]);
    expect(records.map((record) => [record.image, record.outcome, record.failureCause])).toEqual([['registry.k8s.io/pause:3.6', 'failure', 'refused']]);
  });

  it('counts malformed lines', () => {
    const { tracker } = run(['time="2026-12-04T19:12:01Z" level=info PullImage garbage']);
    expect(tracker.stats.malformedLines).toBe(1);
  });

  it('skips trailing stop lines', () => {
    const stop = `time="${at(3)}" level=info msg="stop pulling image example.io/a:1: active requests=0, bytes read=10"`;
    const { records } = run([start(1, 'example.io/a:1'), failed(2, 'example.io/a:1'), stop]);
    expect(records.map((record) => record.outcome)).toEqual(['failure']);
  });

  describe('hostile input', () => {
    const plain = (time: string, msg: string) => `time="${time}" level=info msg="${msg.replaceAll('"', '\\"')}"`;

    it('bounds a start flood', () => {
      const tracker = new PullTracker({ node: 'node-1', hosts });
      const lines = Array.from({ length: MAX_IN_FLIGHT_PULLS + 5 }, () => start(1, 'example.io/a:1'));
      const early = lines.flatMap((text, index) => tracker.push({ text, position: String(index) }));
      expect(early.map((record) => record.outcome)).toEqual(Array(5).fill('abandoned'));
    });

    it('flushes a huge flood', () => {
      const tracker = new PullTracker({ node: 'node-1', hosts });
      for (let i = 0; i < MAX_IN_FLIGHT_PULLS; i++) {
        tracker.push({ text: start(1, `example.io/img${i}:1`), position: String(i) });
      }
      expect(tracker.flush()).toHaveLength(MAX_IN_FLIGHT_PULLS);
    });

    it('expires a huge batch', () => {
      const tracker = new PullTracker({ node: 'node-1', hosts, abandonAfterMs: 1000 });
      for (let i = 0; i < MAX_IN_FLIGHT_PULLS; i++) {
        tracker.push({ text: start(1, `example.io/img${i}:1`), position: String(i) });
      }
      expect(tracker.push({ text: start(30, 'example.io/last:1'), position: 'last' })).toHaveLength(MAX_IN_FLIGHT_PULLS);
    });

    it('expires after far-future line', () => {
      const tracker = new PullTracker({ node: 'node-1', hosts, abandonAfterMs: 10_000 });
      const lines = [plain('9999-12-31T23:59:59Z', 'PullImage "example.io/future:1"'), start(1, 'example.io/a:1'), start(30, 'example.io/b:1')];
      const expired = lines.flatMap((text, index) => tracker.push({ text, position: String(index) }));
      expect(expired.map((record) => record.image)).toEqual(['example.io/future:1', 'example.io/a:1']);
    });

    it('moves resume past future pull', () => {
      const clock = new FakeClock(Date.parse(at(1)));
      const tracker = new PullTracker({ node: 'node-1', hosts, abandonAfterMs: 10_000, clock });
      tracker.push({ text: plain(at(0), 'Start streaming server'), position: 'p0' });
      tracker.push({ text: plain('9999-12-31T23:59:59Z', 'PullImage "example.io/future:1"'), position: 'p1' });
      tracker.push({ text: plain(at(1), 'Start streaming server'), position: 'p2' });
      tracker.expire(clock.now());
      expect(tracker.resumePosition()).toBe('p2');
    });

    it('keeps ids without first line', () => {
      const long = `${start(1, 'example.io/a:1')} pad="${'x'.repeat(1 << 20)}"`;
      const { records } = run([long, done(2, 'example.io/a:1')]);
      expect(records[0]?.id).toMatch(/^[0-9a-f]{32}$/);
    });

    it('drops oversized image ids', () => {
      const { records } = run([start(1, 'example.io/a:1'), done(2, 'example.io/a:1').replace('sha256:abc', `sha256:${'a'.repeat(200)}`)]);
      expect(records[0]?.imageId).toBeNull();
    });

    it('ignores oversized host names', () => {
      const { records, tracker } = run([start(1, 'example.io/a:1'), notFound(1, 'h'.repeat(600)), done(2, 'example.io/a:1')]);
      expect(records[0]?.attempts).toEqual([]);
      expect(tracker.stats.ignoredLines).toBe(1);
    });

    it('reads NUL padded lines', () => {
      const { records } = run([`\0\0\0${start(1, 'example.io/a:1')}\0`, done(2, 'example.io/a:1')]);
      expect(records.map((record) => record.outcome)).toEqual(['success']);
    });
  });
});

describe('formatPullsTable', () => {
  it('renders 150,000 rows', () => {
    const { records, tracker } = run([start(1, 'example.io/a:1'), done(2, 'example.io/a:1')]);
    const all = Array.from({ length: 150_000 }, (_, i) => ({ ...records[0]!, image: `example.io/i${i}:1` }));
    expect(formatPullsTable(all, summarizePulls(all, tracker.stats)).split('\n').length).toBeGreaterThan(150_000);
  });
});
