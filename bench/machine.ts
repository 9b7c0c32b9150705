import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';

/** The machine a benchmark ran on, as printed next to its numbers. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  /** One-minute load average when the run started; other work on the machine skews the numbers. */
  loadAverage: number;
  node: string;
  journalctl: string;
}

export function describeMachine(): MachineInfo {
  return {
    cpus: availableParallelism(),
    cpuModel: cpuModel(readFileSync('/proc/cpuinfo', 'utf8')),
    memoryBytes: totalmem(),
    loadAverage: loadavg()[0] ?? 0,
    node: process.version,
    journalctl: journalctlVersion(),
  };
}

/** Returns the first `model name` of /proc/cpuinfo, or `unknown` when the kernel does not report one. */
export function cpuModel(cpuinfo: string): string {
  const match = /^model name\s*:\s*(.+)$/m.exec(cpuinfo);
  return match?.[1]?.trim() ?? 'unknown';
}

function journalctlVersion(): string {
  try {
    const output = execFileSync('journalctl', ['--version'], { encoding: 'utf8' });
    return output.split('\n')[0]?.trim() ?? 'unknown';
  } catch (err) {
    return `unknown (${(err as Error).message.split('\n')[0]})`;
  }
}

/** Formats the machine as one line for the Markdown record: CPUs, model, memory and load. */
export function formatMachine(machine: MachineInfo): string {
  const memoryGiB = (machine.memoryBytes / 2 ** 30).toFixed(1);
  return `${machine.cpus} CPUs (${machine.cpuModel}), ${memoryGiB} GiB memory, load average ${machine.loadAverage.toFixed(2)} at start; Node.js ${machine.node}, ${machine.journalctl}`;
}
