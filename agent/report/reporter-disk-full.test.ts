import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { silentLogger } from '../../core/log.js';
import { AgentMetrics } from '../metrics/registry.js';
import { AgentState } from '../state/agent-state.js';
import { Reporter } from './reporter.js';
import { ReportSender } from './sender.js';
import { Spool, type DropResult } from './spool.js';
import type { SpoolEntry } from './spool-entry.js';
import { CollectorStub } from './testing/collector-stub.js';
import { pullRecord } from './testing/pull-fixture.js';

function noSpace(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

/** A spool on a disk that is full while `full` is true. */
class FullDiskSpool extends Spool {
  full = true;

  override append(entry: SpoolEntry): DropResult {
    if (this.full) {
      throw noSpace();
    }
    return super.append(entry);
  }
}

/** State whose position writes fail, as on a full disk. */
class FullDiskState extends AgentState {
  override savePosition(): void {
    throw noSpace();
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met before timeout');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function counterValue(metrics: AgentMetrics, name: string): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.reduce((sum, sample) => sum + sample.value, 0) ?? 0;
}

describe('Reporter on a full disk', () => {
  let dir: string;
  let collector: CollectorStub;
  let url: string;
  let reporter: Reporter | null = null;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-reporter-full-'));
    collector = new CollectorStub();
    url = await collector.listen();
  });

  afterEach(async () => {
    await reporter?.stop({ flush: false });
    reporter = null;
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function startReporter(spool: Spool, state: AgentState, metrics: AgentMetrics): Reporter {
    reporter = new Reporter({
      node: 'node-1',
      role: 'node',
      agentVersion: '0.1.0',
      intervalMs: 60_000,
      batchSize: 2,
      spool,
      state,
      sender: new ReportSender({ collectorUrl: url }),
      clock: systemClock,
      logger: silentLogger(),
      metrics,
      readerStats: () => ({ linesRead: 0, parseErrors: 0, ambiguousLines: 0 }),
      retryInitialMs: 20,
      retryMaxMs: 80,
    });
    reporter.start();
    return reporter;
  }

  it('counts unspoolable report as dropped', async () => {
    const spool = new FullDiskSpool({ dir: join(dir, 'spool'), maxBytes: 1024 * 1024, clock: systemClock, logger: silentLogger() });
    const metrics = new AgentMetrics();
    const started = startReporter(spool, new AgentState(dir), metrics);

    expect(() => started.add([pullRecord('a'), pullRecord('b')], 'pos-2')).not.toThrow();
    expect(await counterValue(metrics, 'gapwatch_agent_dropped_records_total')).toBe(2);

    spool.full = false;
    started.add([pullRecord('c'), pullRecord('d')], 'pos-4');
    await waitFor(() => collector.reports.length === 1);
    expect(collector.reports[0]!.stats.droppedPulls).toBe(2);
    expect(collector.reports[0]!.pulls.map((pull) => pull.image)).toEqual(['docker.io/library/c:1', 'docker.io/library/d:1']);
  });

  it('keeps sending when position unwritable', async () => {
    const spool = new Spool({ dir: join(dir, 'spool'), maxBytes: 1024 * 1024, clock: systemClock, logger: silentLogger() });
    const started = startReporter(spool, new FullDiskState(dir), new AgentMetrics());

    started.add([pullRecord('a'), pullRecord('b')], 'pos-2');
    started.add([pullRecord('c'), pullRecord('d')], 'pos-4');
    await waitFor(() => collector.reports.length === 2);
    await waitFor(() => spool.length === 0);
    expect(collector.reports.map((report) => report.seq)).toEqual([1, 2]);
  });
});
