import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.js';
import { resolveAgentConfig, type AgentConfig } from '../config.js';
import { PullTracker } from '../containerd/tracker.js';
import type { NamespaceHosts } from '../containerd/types.js';
import { startAgent, type RunningAgent } from '../main.js';
import { CollectorStub } from '../report/testing/collector-stub.js';

const PULLS = 60;

/** containerd info-level lines for PULLS pulls, each starting before the previous one ends. */
function pullLines(): string[] {
  const lines: string[] = [];
  const at = (step: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + step * 10).toISOString();
  const image = (i: number) => `docker.io/library/app-${i}:1`;
  let step = 0;
  for (let i = 0; i <= PULLS; i++) {
    if (i < PULLS) {
      lines.push(`time="${at(step++)}" level=info msg="PullImage \\"${image(i)}\\""`);
    }
    if (i > 0) {
      const digest = (i - 1).toString(16).padStart(64, '0');
      lines.push(`time="${at(step++)}" level=info msg="PullImage \\"${image(i - 1)}\\" returns image reference \\"sha256:${digest}\\""`);
    }
  }
  return lines;
}

function expectedIds(lines: string[], node: string): Set<string> {
  const tracker = new PullTracker({ node, hosts: { resolve: (namespace): NamespaceHosts => ({ namespace, hosts: [], source: 'none', file: null }) } });
  const ids = new Set<string>();
  lines.forEach((text, index) => {
    for (const record of tracker.push({ text, position: String(index) })) {
      ids.add(record.id);
    }
  });
  return ids;
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met before timeout');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('agent restart exactness', () => {
  let dir: string;
  let collector: CollectorStub;
  let agent: RunningAgent | null = null;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-exact-'));
    collector = new CollectorStub();
  });

  afterEach(async () => {
    await agent?.stop({ flush: false });
    agent = null;
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every pull once after kill', async () => {
    const url = await collector.listen();
    const logFile = join(dir, 'containerd.log');
    const config: AgentConfig = resolveAgentConfig(
      {
        node: 'node-1',
        collectorUrl: url,
        source: { kind: 'file', path: logFile },
        certsDir: join(dir, 'certs.d'),
        stateDir: join(dir, 'state'),
        batchSize: 3,
        intervalSeconds: 1,
        metricsListen: '127.0.0.1:0',
      },
      'test',
    );
    const lines = pullLines();
    const half = Math.floor(lines.length / 2);
    writeFileSync(logFile, lines.slice(0, half).map((line) => `${line}\n`).join(''));

    agent = await startAgent(config, { logger: silentLogger() });
    await waitFor(() => collector.reports.length >= 3);

    // The collector fails from here, so the kill leaves reports in the spool and pulls in memory.
    collector.status = 503;
    appendFileSync(logFile, lines.slice(half, half + 20).map((line) => `${line}\n`).join(''));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await agent.stop({ flush: false });
    agent = null;

    collector.status = 200;
    appendFileSync(logFile, lines.slice(half + 20).map((line) => `${line}\n`).join(''));
    agent = await startAgent(config, { logger: silentLogger() });

    const expected = expectedIds(lines, 'node-1');
    expect(expected.size).toBe(PULLS);
    await waitFor(() => [...expected].every((id) => collector.pullIds.has(id)));

    expect(collector.invalid).toEqual([]);
    expect([...collector.pullIds.keys()].sort()).toEqual([...expected].sort());
  });
});
