import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSettledCounts } from '../lab/fault-expect.js';
import { startFaultRig, type FaultRig } from '../lab/fault-rig.js';
import { ProcessRegistry, waitFor } from '../lab/processes.js';
import { WRITTEN_CASES } from '../lab/pull-log-writer.js';

const MEGABYTE = 1024 * 1024;

/**
 * Bytes that could form a line break or start a keyword the pull tracker looks for
 * (`mage`, `trying next host`, `fetch ...`, `resolved`, `"MESSAGE":[`).
 */
const REPLACED_BYTES = new Set([0x0a, 0x6d, 0x74, 0x66, 0x72, 0x22]);

/** Random bytes that form exactly one line and contain no pull keyword. */
function binaryLine(bytes: number): Buffer {
  const line = randomBytes(bytes);
  for (let index = 0; index < line.length; index += 1) {
    if (REPLACED_BYTES.has(line[index]!)) {
      line[index] = 0x00;
    }
  }
  return line;
}

/**
 * One garbage line each, and how the agent counts it. Lines without a pull keyword are
 * ignored unparsed; lines with one that still are no containerd line are malformed.
 */
const GARBAGE: ReadonlyArray<{ name: string; counted: 'ignored' | 'malformed'; bytes: () => Buffer }> = [
  { name: 'binary 4 KB', counted: 'ignored', bytes: () => binaryLine(4096) },
  { name: 'NUL and invalid UTF-8', counted: 'ignored', bytes: () => Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x00, 0x3d]) },
  { name: 'filler 1 MB', counted: 'ignored', bytes: () => Buffer.alloc(MEGABYTE, 'x') },
  {
    name: 'containerd line 1 MB',
    counted: 'ignored',
    bytes: () => Buffer.from(`time="${new Date().toISOString()}" level=info msg="${'y'.repeat(MEGABYTE)}"`),
  },
  { name: 'binary 1 MB', counted: 'ignored', bytes: () => binaryLine(MEGABYTE) },
  { name: 'cut JSON record', counted: 'malformed', bytes: () => Buffer.from('{"level":"info","msg":"PullImage \\"hit.fault.test/solo') },
  { name: 'keyword fragment 1 MB', counted: 'malformed', bytes: () => Buffer.from(`image${'z'.repeat(MEGABYTE)}`) },
];

// Needs neither root nor lab binaries: the agent follows a log file the test writes.
describe('faults in the followed log', () => {
  const registry = new ProcessRegistry();
  let rig: FaultRig;

  beforeAll(async () => {
    rig = await startFaultRig(registry);
  });

  afterAll(async () => {
    await registry.stopAll();
  });

  it('garbage between pull lines', async () => {
    const agent = await rig.startAgent('fault-garbage', { batchSize: 20 });
    const garbageCounts = { ignored: 0, malformed: 0 };
    let pullLines = 0;

    for (let round = 0; round < GARBAGE.length; round += 1) {
      for (const pullCase of WRITTEN_CASES) {
        const garbage = GARBAGE[(round + pullCase.name.length) % GARBAGE.length]!;
        const lines = agent.writer.pullLines(pullCase);
        pullLines += lines.length;

        // Garbage before the pull and right after its first line, inside the pull.
        agent.writer.appendRaw(Buffer.concat([garbage.bytes(), Buffer.from('\n')]));
        agent.writer.appendRaw(`${lines[0]}\n`);
        agent.writer.appendRaw(Buffer.concat([garbage.bytes(), Buffer.from('\n')]));
        agent.writer.appendRaw(`${lines.slice(1).join('\n')}\n`);
        garbageCounts[garbage.counted] += 2;
      }
    }

    const linesWritten = pullLines + garbageCounts.ignored + garbageCounts.malformed;
    await waitFor(async () => ((await agent.metric('gapwatch_agent_lines_read_total')) === linesWritten ? true : undefined), {
      timeoutMs: 30_000,
      what: `the agent to read ${linesWritten} lines`,
    });
    const malformed = await agent.metric('gapwatch_agent_malformed_lines_total');
    const ignored = await agent.metric('gapwatch_agent_ignored_lines_total');

    expect(malformed).toBe(garbageCounts.malformed);
    expect(ignored).toBe(garbageCounts.ignored);
    expect((await fetch(`${agent.metricsUrl}/healthz`)).status).toBe(200);
    await expectSettledCounts(rig, agent, agent.writer.total);
    await agent.gapwatch.stop();
  });
});
