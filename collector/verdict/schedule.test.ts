import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/fake-clock.js';
import { ScheduledVerdicts } from './schedule.js';
import type { VerdictService } from './service.js';
import type { Candidate, Verdict, VerdictValue } from './types.js';

const SCHEDULE_SECONDS = 60;
const CANDIDATE = { name: 'web-1.9', delete: ['registry.example/shop/web:1.9.0'], keep: ['registry.example/shop/web:2.0.0'] };

/** One outcome of a stubbed judge call: a verdict value, or an error to throw. */
type Outcome = VerdictValue | Error;

/** A VerdictService stand-in that returns the queued outcomes in order, repeating the last. */
class StubService {
  readonly calls: Candidate[] = [];

  constructor(private readonly outcomes: Outcome[]) {}

  async judge(candidate: Candidate): Promise<Verdict> {
    this.calls.push(candidate);
    const outcome = this.outcomes.length > 1 ? this.outcomes.shift()! : this.outcomes[0]!;
    if (outcome instanceof Error) {
      throw outcome;
    }
    return { verdict: outcome, judgedAt: '2026-01-01T00:00:00.000Z', reasons: [] };
  }
}

interface Rig {
  clock: FakeClock;
  service: StubService;
  scheduled: ScheduledVerdicts;
  logLines: Array<Record<string, unknown>>;
  gauge(): Promise<number | undefined>;
}

function createRig(outcomes: Outcome[]): Rig {
  const clock = new FakeClock();
  const service = new StubService(outcomes);
  const registry = new Registry();
  const logLines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ level: 'info' }, sink);
  const scheduled = new ScheduledVerdicts(
    service as unknown as VerdictService,
    { candidates: [CANDIDATE], scheduleSeconds: SCHEDULE_SECONDS },
    clock,
    log,
    registry,
  );
  const gauge = async () => {
    const metric = await registry.getSingleMetric('gapwatch_gc_verdict')?.get();
    return metric?.values.find((sample) => sample.labels.candidate === CANDIDATE.name)?.value;
  };
  return { clock, service, scheduled, logLines, gauge };
}

// Lets the judge's promise and the reschedule in `finally` settle after a fake timer fired.
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('ScheduledVerdicts', () => {
  it('gauge is -1 before first run', async () => {
    const rig = createRig(['SAFE']);

    expect(await rig.gauge()).toBe(-1);
    expect(rig.service.calls).toHaveLength(0);
  });

  it.each([
    { name: 'SAFE sets gauge 1', verdict: 'SAFE' as const, value: 1 },
    { name: 'UNSAFE sets gauge 0', verdict: 'UNSAFE' as const, value: 0 },
    { name: 'UNKNOWN sets gauge -1', verdict: 'UNKNOWN' as const, value: -1 },
  ])('$name', async ({ verdict, value }) => {
    const rig = createRig([verdict]);
    rig.scheduled.start();
    rig.clock.advance(0);
    await settle();
    rig.scheduled.stop();

    expect(await rig.gauge()).toBe(value);
    expect(rig.service.calls).toEqual([{ delete: CANDIDATE.delete, keep: CANDIDATE.keep }]);
  });

  it('re-judges every scheduleSeconds', async () => {
    const rig = createRig(['SAFE', 'UNSAFE', 'SAFE']);
    rig.scheduled.start();
    rig.clock.advance(0);
    await settle();
    const afterFirst = await rig.gauge();

    rig.clock.advance(SCHEDULE_SECONDS * 1000 - 1);
    await settle();
    const callsBeforeDue = rig.service.calls.length;

    rig.clock.advance(1);
    await settle();
    const afterSecond = await rig.gauge();

    rig.clock.advance(SCHEDULE_SECONDS * 1000);
    await settle();
    const afterThird = await rig.gauge();
    rig.scheduled.stop();

    expect(afterFirst).toBe(1);
    expect(callsBeforeDue).toBe(1);
    expect(afterSecond).toBe(0);
    expect(afterThird).toBe(1);
    expect(rig.service.calls).toHaveLength(3);
  });

  it('throwing judge leaves -1', async () => {
    const rig = createRig([new Error('store closed')]);
    rig.scheduled.start();
    rig.clock.advance(0);
    await settle();
    rig.scheduled.stop();

    const failures = rig.logLines.filter((line) => line.msg === 'scheduled verdict failed, so the gauge reads -1 (UNKNOWN)');
    expect(await rig.gauge()).toBe(-1);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.candidate).toBe(CANDIDATE.name);
    expect((failures[0]?.err as { message?: string } | undefined)?.message).toBe('store closed');
  });

  it('throwing judge resets earlier SAFE', async () => {
    const rig = createRig(['SAFE', new Error('store closed')]);
    rig.scheduled.start();
    rig.clock.advance(0);
    await settle();
    const before = await rig.gauge();

    rig.clock.advance(SCHEDULE_SECONDS * 1000);
    await settle();
    rig.scheduled.stop();

    expect(before).toBe(1);
    expect(await rig.gauge()).toBe(-1);
  });

  it('repeated failures log once', async () => {
    const rig = createRig([new Error('store closed')]);
    rig.scheduled.start();
    for (let run = 0; run < 3; run += 1) {
      rig.clock.advance(run === 0 ? 0 : SCHEDULE_SECONDS * 1000);
      await settle();
    }
    rig.scheduled.stop();

    const failures = rig.logLines.filter((line) => line.level === 50);
    expect(rig.service.calls).toHaveLength(3);
    expect(failures).toHaveLength(1);
  });

  it('stop prevents further runs', async () => {
    const rig = createRig(['SAFE']);
    rig.scheduled.start();
    rig.clock.advance(0);
    await settle();
    rig.scheduled.stop();

    rig.clock.advance(10 * SCHEDULE_SECONDS * 1000);
    await settle();

    expect(rig.service.calls).toHaveLength(1);
    expect(rig.logLines.some((line) => line.msg === 'scheduled verdicts stopped')).toBe(true);
  });

  it('stop during run stays stopped', async () => {
    const rig = createRig(['SAFE']);
    rig.scheduled.start();
    rig.clock.advance(0);
    // The judge has been called but its promise has not settled yet.
    rig.scheduled.stop();
    await settle();

    rig.clock.advance(10 * SCHEDULE_SECONDS * 1000);
    await settle();

    expect(rig.service.calls).toHaveLength(1);
  });

  it('restart keeps one schedule', async () => {
    const rig = createRig(['SAFE']);
    rig.scheduled.start();
    rig.clock.advance(0);
    rig.scheduled.stop();
    rig.scheduled.start();
    rig.clock.advance(0);
    await settle();

    rig.clock.advance(SCHEDULE_SECONDS * 1000);
    await settle();
    rig.scheduled.stop();

    expect(rig.service.calls).toHaveLength(3);
  });

  it('no candidates schedules nothing', async () => {
    const clock = new FakeClock();
    const service = new StubService(['SAFE']);
    const scheduled = new ScheduledVerdicts(service as unknown as VerdictService, { candidates: [], scheduleSeconds: 60 }, clock, pino({ level: 'silent' }), new Registry());
    scheduled.start();
    clock.advance(10 * 60_000);
    await settle();
    scheduled.stop();

    expect(service.calls).toHaveLength(0);
  });
});
