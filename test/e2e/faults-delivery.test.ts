import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSettledCounts, signalProcess, sleep } from '../lab/fault-expect.js';
import { startFaultRig, type FaultRig } from '../lab/fault-rig.js';
import { ProcessRegistry, waitFor } from '../lab/processes.js';
import { requireLab } from '../lab/require.js';
import { hasConnectionTo } from '../lab/sockets.js';

// The agent follows a log file the test writes; `ss` finds the in-flight report connection.
const skipReason = requireLab([{ command: 'ss', debianPackage: 'iproute2' }]);

/** How long the collector stays down in the outage case; long enough for the agent's backoff to grow past 30 s. */
const OUTAGE_MS = 60_000;

describe.skipIf(skipReason !== null)('faults between agent and collector', () => {
  const registry = new ProcessRegistry();
  let rig: FaultRig;
  let collectorPort: number;

  beforeAll(async () => {
    rig = await startFaultRig(registry);
    collectorPort = Number(new URL(rig.collectorUrl).port);
  });

  afterAll(async () => {
    // A collector left stopped by a failed test would ignore SIGTERM until continued.
    signalProcess(rig.collector.process.pid, 'SIGCONT');
    await registry.stopAll();
  });

  it('agent kill -9 mid-report', async () => {
    const agent = await rig.startAgent('fault-kill-agent', { batchSize: 50 });
    agent.writer.appendRounds(10);
    await rig.waitForTotal(agent.node, agent.writer.total);

    // A stopped collector accepts the connection in the kernel but never answers.
    const collectorPid = rig.collector.process.pid;
    signalProcess(collectorPid, 'SIGSTOP');
    try {
      agent.writer.appendRounds(40);
      await waitFor(async () => ((await agent.metric('gapwatch_agent_spool_records')) >= 120 ? true : undefined), {
        timeoutMs: 15_000,
        what: 'the agent to spool 120 pulls',
      });
      await waitFor(() => (hasConnectionTo(agent.gapwatch.process.pid, collectorPort) ? true : undefined), {
        timeoutMs: 15_000,
        what: 'the agent to hold a report connection to the stopped collector',
      });
      await agent.gapwatch.process.kill9();
    } finally {
      signalProcess(collectorPid, 'SIGCONT');
    }

    await agent.gapwatch.restart();
    agent.writer.appendRounds(10);

    await expectSettledCounts(rig, agent, agent.writer.total);
    await agent.gapwatch.stop();
  });

  it('collector outage while pulls continue', async () => {
    const agent = await rig.startAgent('fault-outage', { batchSize: 50 });
    agent.writer.appendRounds(5);
    await rig.waitForTotal(agent.node, agent.writer.total);

    await rig.collector.process.stop();
    const outageEnds = Date.now() + OUTAGE_MS;
    while (Date.now() < outageEnds) {
      agent.writer.appendRounds(10);
      await sleep(5_000);
    }
    const spooled = await agent.metric('gapwatch_agent_spool_records');
    await rig.collector.restart();

    expect(spooled).toBeGreaterThan(0);
    // The agent's backoff may have reached 32 s (1 s doubling, with jitter) when the collector returns.
    await expectSettledCounts(rig, agent, agent.writer.total, 90_000);
    expect(await agent.metric('gapwatch_agent_spool_records')).toBe(0);
    await agent.gapwatch.stop();
  });

  it('collector restart mid-stream', async () => {
    const agent = await rig.startAgent('fault-restart', { batchSize: 20 });
    let writing = true;
    const writer = (async () => {
      while (writing) {
        agent.writer.appendRounds(2);
        await sleep(100);
      }
    })();

    await sleep(2_000);
    await rig.collector.restart();
    await sleep(2_000);
    writing = false;
    await writer;

    await expectSettledCounts(rig, agent, agent.writer.total, 60_000);
    await agent.gapwatch.stop();
  });
});
