import { expect } from 'vitest';
import type { FaultAgent, FaultRig } from './fault-rig.js';

/** Milliseconds to wait after the counts match, so a late duplicate report would show up. */
const SETTLE_MS = 3_000;

/**
 * Waits until the collector shows `pullsTotal` pulls of the agent's node, waits SETTLE_MS
 * more, then checks /metrics and /api/v1/pulls against `pullsTotal`. With no loss, it also
 * checks every counter sample against the pulls the writer wrote.
 */
export async function expectSettledCounts(rig: FaultRig, agent: FaultAgent, pullsTotal: number, timeoutMs = 30_000): Promise<void> {
  try {
    await rig.waitForTotal(agent.node, pullsTotal, timeoutMs);
  } catch (err) {
    const agentLog = agent.gapwatch.process.output().slice(-3000);
    const collectorLog = rig.collector.process.output().slice(-3000);
    throw new Error(`${(err as Error).message}\nagent log:\n${agentLog}\ncollector log:\n${collectorLog}`);
  }
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const settled = await rig.counts(agent.node);

  expect(settled.pullsTotal).toBe(pullsTotal);
  expect(settled.storedPulls).toBe(pullsTotal);
  expect(settled.storedIds).toBe(pullsTotal);
  if (pullsTotal === agent.writer.total) {
    const expected = rig.expected(agent.node, agent.writer);
    expect(settled.pulls).toEqual(expected.pulls);
    expect(settled.fallbacks).toEqual(expected.fallbacks);
  }
}

/** Sends SIGSTOP or SIGCONT to a process by pid. */
export function signalProcess(pid: number, signal: 'SIGSTOP' | 'SIGCONT'): void {
  process.kill(pid, signal);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
