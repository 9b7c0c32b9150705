import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSettledCounts } from '../lab/fault-expect.js';
import { startFaultRig, type FaultAgent, type FaultRig } from '../lab/fault-rig.js';
import { ProcessRegistry, waitFor } from '../lab/processes.js';
import { requireLab } from '../lab/require.js';
import { mountTmpfs } from '../lab/tmpfs.js';

// Root mounts the tmpfs; `mount` and `umount` come with util-linux/mount.
const skipReason = requireLab([
  { command: 'mount', debianPackage: 'mount' },
  { command: 'umount', debianPackage: 'mount' },
]);

/** The smallest spool bound the agent accepts, so a few hundred pulls overflow it. */
const MIN_SPOOL_BYTES = 65_536;

describe.skipIf(skipReason !== null)('faults in the agent spool', () => {
  const registry = new ProcessRegistry();
  let rig: FaultRig;

  beforeAll(async () => {
    rig = await startFaultRig(registry);
  });

  afterAll(async () => {
    await registry.stopAll();
  });

  /** Sums a numeric field over the agent's pino log lines with message `msg`. */
  const loggedSum = (agent: FaultAgent, msg: string, field: string): number =>
    agent.gapwatch.process
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record.msg === msg)
      .reduce((sum, record) => sum + Number(record[field] ?? 0), 0);

  /** Stops the collector, runs `whileDown`, starts the collector on the same database again. */
  const withCollectorDown = async (whileDown: () => Promise<void>) => {
    await rig.collector.process.stop();
    try {
      await whileDown();
    } finally {
      await rig.collector.restart();
    }
  };

  it('spool bound drops and reports', async () => {
    const tmpfs = registry.track(mountTmpfs(4 * 1024 * 1024));
    const agent = await rig.startAgent('fault-spool-bound', { stateDir: join(tmpfs.dir, 'state'), spoolMaxBytes: MIN_SPOOL_BYTES, batchSize: 20 });
    agent.writer.appendRounds(5);
    await rig.waitForTotal(agent.node, agent.writer.total);

    await withCollectorDown(async () => {
      agent.writer.appendRounds(150);
      await waitFor(async () => ((await agent.metric('gapwatch_agent_dropped_records_total')) > 0 ? true : undefined), {
        timeoutMs: 20_000,
        what: 'the agent to drop spooled pulls at its bound',
      });
      // Let the tracker finish the written lines before the bound is read.
      await waitFor(async () => ((await agent.metric('gapwatch_agent_pulls_completed_total')) === agent.writer.total ? true : undefined), {
        timeoutMs: 20_000,
        what: 'the agent to read every written pull',
      });
    });

    const droppedMetric = await agent.metric('gapwatch_agent_dropped_records_total');
    const droppedLogged = loggedSum(agent, 'spool is full; dropped the oldest unsent reports', 'droppedPulls');
    expect(droppedLogged).toBe(droppedMetric);
    await expectSettledCounts(rig, agent, agent.writer.total - droppedMetric, 60_000);
    expect((await rig.nodeStats(agent.node))?.droppedPulls).toBe(droppedMetric);
    await agent.gapwatch.stop();
  });

  it('full disk drops and reports', async () => {
    const tmpfs = registry.track(mountTmpfs(256 * 1024));
    const agent = await rig.startAgent('fault-disk-full', { stateDir: join(tmpfs.dir, 'state'), batchSize: 20 });
    agent.writer.appendRounds(5);
    await rig.waitForTotal(agent.node, agent.writer.total);

    await withCollectorDown(async () => {
      for (let append = 0; append < 10; append += 1) {
        agent.writer.appendRounds(50);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await waitFor(async () => ((await agent.metric('gapwatch_agent_dropped_records_total')) > 0 ? true : undefined), {
        timeoutMs: 20_000,
        what: 'the agent to count pulls it could not spool on the full disk',
        details: () => agent.gapwatch.process.output().slice(-3000),
      });
      await waitFor(async () => ((await agent.metric('gapwatch_agent_pulls_completed_total')) === agent.writer.total ? true : undefined), {
        timeoutMs: 20_000,
        what: 'the agent to read every written pull',
      });
    });

    const health = await fetch(`${agent.metricsUrl}/healthz`);
    expect(health.status).toBe(200);
    const droppedMetric = await agent.metric('gapwatch_agent_dropped_records_total');
    // The error line is rate-limited, so only its first occurrence is certain.
    expect(loggedSum(agent, 'spool write failed; dropped the report', 'droppedPulls')).toBeGreaterThan(0);
    await expectSettledCounts(rig, agent, agent.writer.total - droppedMetric, 60_000);
    expect((await rig.nodeStats(agent.node))?.droppedPulls).toBe(droppedMetric);
    await agent.gapwatch.stop();
  });

  it('corrupt spool file quarantined', async () => {
    const agent = await rig.startAgent('fault-corrupt-spool', { batchSize: 10 });
    agent.writer.appendRounds(2);
    await rig.waitForTotal(agent.node, agent.writer.total);

    await withCollectorDown(async () => {
      agent.writer.appendRounds(20);
      await waitFor(async () => ((await agent.metric('gapwatch_agent_spool_records')) >= 60 ? true : undefined), {
        timeoutMs: 20_000,
        what: 'the agent to spool 60 pulls',
      });
      await agent.gapwatch.process.kill9();
      corruptSpool(join(agent.stateDir, 'spool'));
    });

    await agent.gapwatch.restart();
    await agent.gapwatch.process.waitForOutput(/GW_AGENT_SPOOL_CORRUPT/, 10_000);
    expect(await agent.metric('gapwatch_agent_spool_quarantined_files_total')).toBe(1);
    expect(readdirSync(join(agent.stateDir, 'spool', 'quarantine'))).toHaveLength(1);

    // The log is still there, so pulls of the damaged entries are read again from it.
    await expectSettledCounts(rig, agent, agent.writer.total);
    await agent.gapwatch.stop();
  });
});

/** Overwrites the second entry of the first spool segment with garbage and cuts its last entry in half. */
function corruptSpool(spoolDir: string): void {
  const segment = readdirSync(spoolDir)
    .filter((name) => name.startsWith('segment-'))
    .sort()[0];
  if (segment === undefined) {
    throw new Error(`no spool segment in ${spoolDir}; the agent spooled nothing`);
  }
  const file = join(spoolDir, segment);
  const lines = readFileSync(file, 'latin1').split('\n').slice(0, -1);
  if (lines.length < 3) {
    throw new Error(`${file} has ${lines.length} entries; the test needs at least 3`);
  }
  lines[1] = '\u0000\u00ff{"seq": garbage \u0007';
  const last = lines.pop()!;
  writeFileSync(file, `${lines.join('\n')}\n${last.slice(0, Math.floor(last.length / 2))}`, 'latin1');
}

