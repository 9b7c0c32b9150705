import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/** The machine a bench ran on, as printed in its Markdown section. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  date: string;
  /** 1-minute load average when the bench started; above `cpus` means other work shared the CPUs. */
  loadAverage: number;
}

/** Reads CPU count, CPU model (/proc/cpuinfo) and total memory (/proc/meminfo). */
export function machineInfo(now: Date): MachineInfo {
  return {
    cpus: availableParallelism(),
    cpuModel: procField('/proc/cpuinfo', /^model name\s*:\s*(.+)$/m) ?? 'unknown',
    memoryGiB: Number(procField('/proc/meminfo', /^MemTotal:\s+(\d+) kB$/m) ?? 0) / 1024 / 1024,
    node: process.version,
    date: now.toISOString().slice(0, 10),
    loadAverage: loadavg()[0] ?? 0,
  };
}

/** Formats the machine as one Markdown line. */
export function machineLine(machine: MachineInfo): string {
  return `Machine: ${machine.cpus} CPUs (nproc), ${machine.cpuModel}, ${machine.memoryGiB.toFixed(1)} GiB memory, Node.js ${machine.node}; run on ${machine.date}; 1-minute load average ${machine.loadAverage.toFixed(1)} at the start.`;
}

/** Renders a Markdown table. Cells are printed as given, without escaping. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Formats a number with thousands separators and `digits` decimals. */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function procField(file: string, pattern: RegExp): string | null {
  try {
    return pattern.exec(readFileSync(file, 'utf8'))?.[1]?.trim() ?? null;
  } catch {
    // Not Linux: the field is printed as unknown rather than failing the bench.
    return null;
  }
}
