import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { silentLogger } from '../../core/log.js';
import { findExecutable } from '../../test/lab/require.js';
import type { Report } from '../../wire/report.js';
import { resolveCollectorConfig } from '../config.js';
import { startCollector, type RunningCollector } from '../main.js';
import { makePull, makeReport } from '../testing/reports.js';

const BODY_LIMIT = 64 * 1024;

interface Harness {
  dir: string;
  clock: FakeClock;
  collector: RunningCollector | null;
}

async function start(harness: Harness, extra: Record<string, unknown> = {}): Promise<RunningCollector> {
  const config = resolveCollectorConfig(
    { listen: '127.0.0.1:0', databasePath: join(harness.dir, 'collector.db'), bodyLimitBytes: BODY_LIMIT, ...extra },
    'test',
  );
  harness.collector = await startCollector({ config, logger: silentLogger(), clock: harness.clock });
  return harness.collector;
}

async function post(collector: RunningCollector, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${collector.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function metricsText(collector: RunningCollector): Promise<string> {
  const response = await fetch(`${collector.url}/metrics`);
  return response.text();
}

/** Sample lines of the pull-derived metrics, which must survive restarts exactly. */
function pullSamples(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^gapwatch_(image_pull|mirror_fallbacks|pull_ambiguous)/.test(line))
    .sort();
}

function sampleValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const failedPull = makePull('failed', {
  image: 'docker.io/library/redis:7@sha256:' + 'f'.repeat(64),
  outcome: 'failure',
  servedBy: 'unknown',
  servedHost: null,
  failureCause: 'refused',
  failureDetail: 'connect: connection refused',
  durationSeconds: 0.05,
  attempts: [
    { host: '127.0.0.1:5000', cause: 'refused', detail: 'connect: connection refused' },
    { host: 'registry-1.docker.io', cause: 'refused', detail: 'connect: connection refused' },
  ],
});
const fallbackPull = makePull('fallback', {
  servedBy: 'upstream',
  servedHost: 'registry-1.docker.io',
  durationSeconds: 42,
  attempts: [{ host: '127.0.0.1:5000', cause: 'not_found', detail: 'http.StatusNotFound' }],
});

describe('collector ingest', () => {
  const harness: Harness = { dir: '', clock: new FakeClock(), collector: null };

  beforeEach(() => {
    harness.dir = mkdtempSync(join(tmpdir(), 'gapwatch-collector-'));
    harness.clock = new FakeClock(Date.parse('2026-01-01T00:01:00Z'));
  });

  afterEach(async () => {
    await harness.collector?.close();
    harness.collector = null;
    rmSync(harness.dir, { recursive: true, force: true });
  });

  it('accepts a valid report', async () => {
    const collector = await start(harness);
    const reply = await post(collector, makeReport({ pulls: [makePull('a'), failedPull] }));

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ seq: 1, accepted: 2, duplicates: 0, replayed: false });
  });

  const badBodies: Array<{ name: string; body: unknown; field: string }> = [
    { name: 'unknown top-level key', body: { ...makeReport(), extra: 1 }, field: 'extra' },
    { name: 'unknown pull key', body: makeReport({ pulls: [{ ...makePull('a'), color: 'red' } as never] }), field: 'pulls[0].color' },
    { name: 'wrong type', body: { ...makeReport(), seq: 'one' }, field: 'seq' },
    { name: 'numeric string not coerced', body: { ...makeReport(), seq: '7' }, field: 'seq' },
    { name: 'missing field', body: (({ stats: _stats, ...rest }: Report) => rest)(makeReport()), field: 'stats' },
    { name: 'bad outcome value', body: makeReport({ pulls: [makePull('a', { outcome: 'maybe' as never })] }), field: 'pulls[0].outcome' },
    { name: 'hostile long string', body: makeReport({ pulls: [makePull('a', { failureDetail: 'x'.repeat(20_000) })] }), field: 'pulls[0].failureDetail' },
    { name: 'array instead of object', body: [makeReport()], field: '(body)' },
  ];

  it.each(badBodies)('rejects $name', async ({ body, field }) => {
    const collector = await start(harness);
    const reply = await post(collector, body);

    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('GW_INGEST_INVALID');
    expect(String(reply.body.message)).toContain(`field ${field} `);
    expect(typeof reply.body.fix).toBe('string');
  });

  it('does not echo hostile values', async () => {
    const collector = await start(harness);
    const reply = await post(collector, makeReport({ pulls: [makePull('a', { failureDetail: 'x'.repeat(20_000) })] }));

    expect(JSON.stringify(reply.body).length).toBeLessThan(1000);
  });

  it('rejects non-JSON bodies', async () => {
    const collector = await start(harness);
    const reply = await post(collector, '{"node": "node-1", ');

    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('GW_INGEST_NOT_JSON');
  });

  it('rejects oversize bodies with 413', async () => {
    const collector = await start(harness);
    const pulls = Array.from({ length: 200 }, (_, index) => makePull(`big-${index}`, { failureDetail: 'y'.repeat(1000) }));
    const reply = await post(collector, makeReport({ pulls }));

    expect(reply.status).toBe(413);
    expect(reply.body.code).toBe('GW_INGEST_TOO_LARGE');
  });

  it('rejects wrong content type', async () => {
    const collector = await start(harness);
    const reply = await post(collector, JSON.stringify(makeReport()), { 'content-type': 'text/plain' });

    expect(reply.status).toBe(415);
    expect(reply.body.code).toBe('GW_INGEST_CONTENT_TYPE');
  });

  it('stores nothing from rejected reports', async () => {
    const collector = await start(harness);
    await post(collector, { ...makeReport({ pulls: [makePull('a')] }), extra: true });
    const reply = await post(collector, makeReport({ pulls: [makePull('a')] }));

    expect(reply.body.accepted).toBe(1);
  });

  it('acknowledges a replayed seq', async () => {
    const collector = await start(harness);
    await post(collector, makeReport({ seq: 4, pulls: [makePull('a')] }));
    const replay = await post(collector, makeReport({ seq: 4, pulls: [makePull('a'), makePull('b')] }));
    const text = await metricsText(collector);

    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ seq: 4, accepted: 0, duplicates: 0, replayed: true });
    expect(sampleValue(text, 'gapwatch_ingest_reports_total{result="replayed"}')).toBe(1);
    expect(sampleValue(text, 'gapwatch_image_pulls_total{node="node-1",namespace="docker.io",served_by="mirror",outcome="success"}')).toBe(1);
  });

  it('ignores duplicate ids per node', async () => {
    const collector = await start(harness);
    await post(collector, makeReport({ seq: 1, pulls: [makePull('a'), makePull('b')] }));
    const second = await post(collector, makeReport({ seq: 2, pulls: [makePull('b'), makePull('c')] }));
    // Ids are unique per node only: the agent hashes its node name into each id.
    const other = await post(collector, makeReport({ node: 'node-2', agentId: 'abcdefabcdefabcd', pulls: [makePull('c')] }));
    const text = await metricsText(collector);

    expect(second.body).toEqual({ seq: 2, accepted: 1, duplicates: 1, replayed: false });
    expect(other.body.duplicates).toBe(0);
    expect(sampleValue(text, 'gapwatch_image_pulls_total{node="node-1",namespace="docker.io",served_by="mirror",outcome="success"}')).toBe(3);
    expect(sampleValue(text, 'gapwatch_ingest_pulls_total{result="duplicate"}')).toBe(1);
  });

  it('counts fallbacks per failed attempt', async () => {
    const collector = await start(harness);
    await post(collector, makeReport({ pulls: [failedPull, fallbackPull] }));
    const text = await metricsText(collector);

    expect(sampleValue(text, 'gapwatch_mirror_fallbacks_total{node="node-1",namespace="docker.io",host="127.0.0.1:5000",cause="refused"}')).toBe(1);
    expect(sampleValue(text, 'gapwatch_mirror_fallbacks_total{node="node-1",namespace="docker.io",host="127.0.0.1:5000",cause="not_found"}')).toBe(1);
    expect(sampleValue(text, 'gapwatch_image_pull_results_total{image="docker.io/library/redis:7",outcome="failure",cause="refused"}')).toBe(1);
    expect(sampleValue(text, 'gapwatch_image_pull_duration_seconds_bucket{node="node-1",served_by="upstream",le="60"}')).toBe(1);
  });

  it('keeps metric counts across restart', async () => {
    let collector = await start(harness);
    const stats = { linesRead: 50, parseErrors: 0, ambiguousLines: 3, droppedPulls: 0 };
    await post(collector, makeReport({ seq: 1, pulls: [makePull('a'), failedPull], stats }));
    await post(collector, makeReport({ seq: 2, pulls: [fallbackPull, makePull('d', { durationSeconds: 0.1 })], stats }));
    const before = pullSamples(await metricsText(collector));
    await collector.close();

    collector = await start(harness);
    const restored = pullSamples(await metricsText(collector));
    await post(collector, makeReport({ seq: 3, pulls: [makePull('a'), fallbackPull], stats }));
    const afterDuplicates = pullSamples(await metricsText(collector));

    expect(before.length).toBeGreaterThan(10);
    expect(restored).toEqual(before);
    expect(afterDuplicates).toEqual(before);
  });

  it('bounds the image label', async () => {
    const collector = await start(harness, { imageLabelLimit: 2 });
    const images = ['docker.io/library/a:1', 'docker.io/library/b:1', 'docker.io/library/c:1', 'docker.io/library/d:1'];
    await post(collector, makeReport({ pulls: images.map((image) => makePull(image, { image })) }));
    const text = await metricsText(collector);
    const labels = text
      .split('\n')
      .filter((line) => line.startsWith('gapwatch_image_pull_results_total{'))
      .map((line) => /image="([^"]*)"/.exec(line)?.[1]);

    expect(labels).toEqual(['docker.io/library/a:1', 'docker.io/library/b:1', 'other']);
    expect(sampleValue(text, 'gapwatch_image_pull_results_total{image="other",outcome="success",cause="none"}')).toBe(2);
  });

  it('keeps busiest images after restart', async () => {
    let collector = await start(harness, { imageLabelLimit: 1 });
    await post(collector, makeReport({ seq: 1, pulls: [makePull('q1', { image: 'docker.io/library/quiet:1' })] }));
    const busy = ['b1', 'b2'].map((label) => makePull(label, { image: 'docker.io/library/busy:1' }));
    await post(collector, makeReport({ seq: 2, pulls: busy }));
    await collector.close();

    collector = await start(harness, { imageLabelLimit: 1 });
    const text = await metricsText(collector);

    expect(sampleValue(text, 'gapwatch_image_pull_results_total{image="docker.io/library/busy:1",outcome="success",cause="none"}')).toBe(2);
    expect(sampleValue(text, 'gapwatch_image_pull_results_total{image="other",outcome="success",cause="none"}')).toBe(1);
  });

  it('flags overdue agents', async () => {
    const collector = await start(harness, { agentOverdueFactor: 2 });
    await post(collector, makeReport({ node: 'node-1', intervalSeconds: 15 }));
    harness.clock.advance(20_000);
    await post(collector, makeReport({ node: 'node-2', agentId: 'abcdefabcdefabcd', intervalSeconds: 15 }));
    harness.clock.advance(15_000);
    const response = await fetch(`${collector.url}/api/v1/nodes`);
    const body = (await response.json()) as { nodes: Array<{ node: string; overdue: boolean }> };
    const text = await metricsText(collector);

    expect(body.nodes.map((node) => [node.node, node.overdue])).toEqual([
      ['node-1', true],
      ['node-2', false],
    ]);
    expect(sampleValue(text, 'gapwatch_agent_overdue{node="node-1"}')).toBe(1);
    expect(sampleValue(text, 'gapwatch_agent_last_report_timestamp_seconds{node="node-2"}')).toBe(Date.parse('2026-01-01T00:01:20Z') / 1000);
  });

  it('requires a valid bearer token', async () => {
    const tokenFile = join(harness.dir, 'token');
    writeFileSync(tokenFile, 's3cret-token\n');
    const collector = await start(harness, { auth: { tokenFiles: [tokenFile] } });
    const missing = await post(collector, makeReport());
    const wrong = await post(collector, makeReport(), { authorization: 'Bearer s3cret-tokeX' });
    const right = await post(collector, makeReport(), { authorization: 'Bearer s3cret-token' });

    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(right.status).toBe(200);
  });

  it('filters and pages pulls', async () => {
    const collector = await start(harness);
    await post(collector, makeReport({ pulls: [makePull('a'), makePull('b'), failedPull] }));
    const failures = (await (await fetch(`${collector.url}/api/v1/pulls?outcome=failure`)).json()) as { pulls: Array<{ id: string }> };
    const page = (await (await fetch(`${collector.url}/api/v1/pulls?limit=2`)).json()) as { pulls: unknown[]; next: number };
    const rest = (await (await fetch(`${collector.url}/api/v1/pulls?limit=2&cursor=${page.next}`)).json()) as { pulls: unknown[]; next: null };
    const byImage = (await (await fetch(`${collector.url}/api/v1/pulls?image=docker.io/library/redis:7`)).json()) as { pulls: unknown[] };

    expect(failures.pulls.map((pull) => pull.id)).toEqual([failedPull.id]);
    expect(page.pulls.length).toBe(2);
    expect(rest.pulls.length).toBe(1);
    expect(rest.next).toBeNull();
    expect(byImage.pulls.length).toBe(1);
  });

  it('rejects an invalid pulls query', async () => {
    const collector = await start(harness);
    const response = await fetch(`${collector.url}/api/v1/pulls?since=yesterday`);
    const body = (await response.json()) as { code: string; message: string };

    expect(response.status).toBe(400);
    expect(body.code).toBe('GW_API_QUERY_INVALID');
    expect(body.message).toContain('since');
  });

  it('answers health and readiness', async () => {
    const collector = await start(harness);

    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${collector.url}/readyz`)).status).toBe(200);
  });

  it('passes promtool check metrics', async () => {
    const promtool = findExecutable('promtool');
    if (promtool === null) {
      if (process.env.CI === 'true') {
        throw new Error('promtool not found; install it with: apt-get install -y prometheus');
      }
      console.warn('promtool not found; skipping the metrics lint (apt-get install -y prometheus)');
      return;
    }
    const collector = await start(harness);
    await post(collector, makeReport({ pulls: [makePull('a'), failedPull, fallbackPull], stats: { linesRead: 5, parseErrors: 0, ambiguousLines: 2, droppedPulls: 0 } }));
    const text = await metricsText(collector);
    const result = spawnSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });

    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
