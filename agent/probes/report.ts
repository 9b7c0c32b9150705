import type { ProbeResult, ProbesSection } from '../../wire/findings/probes.js';
import type { ProbeOutcome } from './outcome.js';

// Outcomes where the path failed before any peer responded. `tls` and `error` are left out on
// purpose, because a peer may have responded, so the probe proves no block.
const BLOCKED_OUTCOMES: ReadonlySet<ProbeOutcome> = new Set(['nxdomain', 'refused', 'timeout', 'unreachable', 'denied']);

/**
 * Tells whether a one-shot run found a leak: a confirmed `reachable`, or a `reachable` on the
 * newest run that has not repeated yet, because even one HTTP response proves a path out.
 */
export function isLeak(result: ProbeResult): boolean {
  return result.reachable || result.latestOutcome === 'reachable';
}

/** Returns whether a path is proven blocked: a confirmed outcome where no peer responded. */
export function isProvenBlocked(result: ProbeResult): boolean {
  return result.outcome !== 'pending' && BLOCKED_OUTCOMES.has(result.outcome as ProbeOutcome);
}

/** Verdict column: LEAK, NOT PROVEN (tls, error or unconfirmed) or blocked. */
export function probeVerdict(result: ProbeResult): 'LEAK' | 'NOT PROVEN' | 'blocked' {
  if (isLeak(result)) {
    return 'LEAK';
  }
  return isProvenBlocked(result) ? 'blocked' : 'NOT PROVEN';
}

/** Renders one line per target and path for a terminal: verdict, target, path, outcome, detail. */
export function formatProbeTable(section: ProbesSection): string {
  const rows = section.results.map((result) => [
    probeVerdict(result),
    result.target,
    result.proxy ? `proxy ${result.proxy}` : 'direct',
    result.outcome === 'pending' ? `pending (newest: ${result.latestOutcome})` : result.outcome,
    `${result.durationSeconds.toFixed(2)}s`,
    result.detail,
  ]);
  const header = ['VERDICT', 'TARGET', 'PATH', 'OUTCOME', 'TIME', 'DETAIL'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const render = (row: string[]) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] as number))).join('  ');

  const lines = [render(header), ...rows.map(render)];
  for (const problem of section.problems) {
    lines.push(`problem: ${problem}`);
  }
  return `${lines.join('\n')}\n`;
}
