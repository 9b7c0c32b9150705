import { parseChildrenTimes } from './cpu-times.js';
import { runTool } from './run-tool.js';

export interface BaselineRun {
  seconds: number;
  linesPerSecond: number;
  /** User plus system CPU seconds of journalctl, or null when the shell's `times` output was unreadable. */
  cpuSeconds: number | null;
}

/**
 * Arguments of the baseline: journalctl printing the whole journal as fast as it can, in the
 * output form JournaldSource requests, so both rows compare the same journalctl work.
 */
export function baselineArguments(journalDir: string): string[] {
  return ['--directory', journalDir, '-o', 'json', '--output-fields=MESSAGE', '--all', '--no-pager'];
}

// The shell sends journalctl's output to /dev/null and prints its CPU time with `times`, which
// Node.js cannot read for a child that has exited.
const SCRIPT = 'journalctl "$@" > /dev/null; status=$?; times >&2; exit $status';

/** Times `journalctl --directory DIR -o json --output-fields=MESSAGE --all --no-pager > /dev/null` over a journal of `lines` entries. */
export async function runBaseline(journalDir: string, lines: number): Promise<BaselineRun> {
  const run = await runTool({
    command: 'sh',
    args: ['-c', SCRIPT, 'sh', ...baselineArguments(journalDir)],
    debianPackage: 'systemd',
    stdout: 'ignore',
    dir: journalDir,
  });
  return { seconds: run.seconds, linesPerSecond: Math.round(lines / run.seconds), cpuSeconds: parseChildrenTimes(run.stderr) };
}
