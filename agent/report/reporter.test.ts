import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { silentLogger } from '../../core/log.js';
import { AgentMetrics } from '../metrics/registry.js';
import { AgentState } from '../state/agent-state.js';
import { Reporter } from './reporter.js';
import { ReportSender } from './sender.js';
import { Spool } from './spool.js';
import { CollectorStub } from './testing/collector-stub.js';
import { pullRecord } from './testing/pull-fixture.js';

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met before timeout');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Reporter against loopback collector', () => {
  let dir: string;
  let collector: CollectorStub;
  let url: string;
  let reporter: Reporter | null = null;
  let state: AgentState;
  let spool: Spool;
  let metrics: AgentMetrics;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-reporter-'));
    collector = new CollectorStub();
    url = await collector.listen();
  });

  afterEach(async () => {
    await reporter?.stop({ flush: false });
    reporter = null;
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function startReporter(options: { batchSize?: number; tokenFile?: string; collectorUrl?: string } = {}): Reporter {
    state = new AgentState(dir);
    spool = new Spool({ dir: join(dir, 'spool'), maxBytes: 1024 * 1024, clock: systemClock, logger: silentLogger() });
    metrics = new AgentMetrics();
    reporter = new Reporter({
      node: 'node-1',
      role: 'node',
      agentVersion: '0.1.0',
      intervalMs: 60_000,
      batchSize: options.batchSize ?? 2,
      spool,
      state,
      sender: new ReportSender({ collectorUrl: options.collectorUrl ?? url, tokenFile: options.tokenFile }),
      clock: systemClock,
      logger: silentLogger(),
      metrics,
      readerStats: () => ({ linesRead: 10, parseErrors: 1, ambiguousLines: 0 }),
      retryInitialMs: 20,
      retryMaxMs: 80,
    });
    reporter.start();
    return reporter;
  }

  it('sends full batch and saves position', async () => {
    startReporter().add([pullRecord('a'), pullRecord('b')], 'pos-2');
    await waitFor(() => collector.reports.length === 1);
    await waitFor(() => spool.length === 0);

    expect(collector.invalid).toEqual([]);
    expect(collector.reports[0]!.pulls.map((pull) => pull.image)).toEqual(['docker.io/library/a:1', 'docker.io/library/b:1']);
    expect(collector.reports[0]!.seq).toBe(1);
    expect(state.position).toBe('pos-2');
  });

  it('retries while collector answers 500', async () => {
    collector.status = 500;
    startReporter().add([pullRecord('a'), pullRecord('b')], 'pos-2');
    await waitFor(() => (metrics.reportRetries as unknown as { hashMap: Record<string, { value: number }> }).hashMap['']!.value >= 2);

    expect(state.position).toBeNull();
    expect(spool.length).toBe(1);

    collector.status = 200;
    await waitFor(() => collector.reports.length === 1);
    await waitFor(() => state.position === 'pos-2');
  });

  it('retries until collector starts', async () => {
    const port = collector.port;
    await collector.close();
    startReporter({ collectorUrl: `http://127.0.0.1:${port}` }).add([pullRecord('a'), pullRecord('b')], 'pos-2');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(state.position).toBeNull();

    await collector.listen(port);
    await waitFor(() => collector.reports.length === 1);
    await waitFor(() => state.position === 'pos-2');
  });

  it('keeps report after 400', async () => {
    collector.status = 400;
    startReporter().add([pullRecord('a'), pullRecord('b')], 'pos-2');
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(spool.length).toBe(1);
    expect(state.position).toBeNull();

    collector.status = 200;
    await waitFor(() => collector.reports.length === 1);
  });

  it('saves position only after ack', async () => {
    collector.status = 503;
    const active = startReporter({ batchSize: 1 });
    active.add([pullRecord('a')], 'pos-1');
    active.add([pullRecord('b')], 'pos-2');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(state.position).toBeNull();

    collector.status = 200;
    await waitFor(() => collector.reports.length === 2);
    await waitFor(() => state.position === 'pos-2');
    expect(collector.reports.map((report) => report.seq)).toEqual([1, 2]);
  });

  it('sends bearer token from file', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 's3cret\n');
    startReporter({ tokenFile }).add([pullRecord('a'), pullRecord('b')], 'pos-2');
    await waitFor(() => collector.reports.length === 1);
    expect(collector.authorization).toBe('Bearer s3cret');
  });

  it('flushes buffer on stop', async () => {
    const active = startReporter({ batchSize: 10 });
    active.add([pullRecord('a')], 'pos-1');
    await active.stop({ flush: true, deadlineMs: 5000 });
    reporter = null;

    expect(collector.reports).toHaveLength(1);
    expect(state.position).toBe('pos-1');
  });

  it('resends spool after restart', async () => {
    collector.status = 500;
    const first = startReporter();
    first.add([pullRecord('a'), pullRecord('b')], 'pos-2');
    await first.stop({ flush: false });

    collector.status = 200;
    startReporter().add([pullRecord('c'), pullRecord('d')], 'pos-4');
    await waitFor(() => collector.reports.length === 2);
    expect(collector.reports.map((report) => report.seq)).toEqual([1, 2]);
    await waitFor(() => state.position === 'pos-4');
  });
});
