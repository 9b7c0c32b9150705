import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { silentLogger } from '../../core/log.js';
import { AgentMetrics } from '../metrics/registry.js';
import { FindingsScheduler } from './scheduler.js';
import type { FindingsTask } from './task.js';

function task(section: 'lint' | 'egress', run: () => Promise<object>): FindingsTask {
  return { section, schedule: '*/30 * * * * *', run } as FindingsTask;
}

describe('FindingsScheduler', () => {
  it('keeps newest result per section', async () => {
    const clock = new FakeClock();
    const scheduler = new FindingsScheduler([], { clock, logger: silentLogger(), metrics: new AgentMetrics() });
    await scheduler.runTask(task('lint', async () => ({})));
    await scheduler.runTask(task('egress', async () => ({})));

    expect(scheduler.takeLatest()).toEqual({ lint: {}, egress: {} });
    expect(scheduler.takeLatest()).toBeUndefined();
  });

  it('records failure without throwing', async () => {
    const metrics = new AgentMetrics();
    const scheduler = new FindingsScheduler([], { clock: new FakeClock(), logger: silentLogger(), metrics });
    await scheduler.runTask(task('lint', async () => Promise.reject(new Error('boom'))));

    expect(scheduler.takeLatest()).toBeUndefined();
    const success = await metrics.findingsSuccess.get();
    expect(success.values).toEqual([{ labels: { section: 'lint' }, value: 0 }]);
  });

  it('times task duration', async () => {
    const clock = new FakeClock();
    const metrics = new AgentMetrics();
    const scheduler = new FindingsScheduler([], { clock, logger: silentLogger(), metrics });
    await scheduler.runTask(
      task('lint', async () => {
        clock.advance(1500);
        return {};
      }),
    );
    const duration = await metrics.findingsDuration.get();
    expect(duration.values[0]?.value).toBe(1.5);
  });

  it('skips overlapping run', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const slow = task('lint', () => {
      runs += 1;
      return new Promise((resolve) => {
        release = () => resolve({});
      });
    });
    const scheduler = new FindingsScheduler([], { clock: new FakeClock(), logger: silentLogger(), metrics: new AgentMetrics() });
    const first = scheduler.runTask(slow);
    await scheduler.runTask(slow);
    release();
    await first;
    expect(runs).toBe(1);
  });
});
