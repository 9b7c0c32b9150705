/**
 * Parses the output of the POSIX shell builtin `times`: two lines of user and system time,
 * the shell's own and then its children's (`0m6.140000s 0m0.236000s`). Returns the children's
 * user plus system seconds, or null when the output has another shape.
 */
export function parseChildrenTimes(output: string): number | null {
  const lines = output.trim().split('\n');
  const children = lines.at(-1)?.trim().split(/\s+/) ?? [];
  if (lines.length < 2 || children.length !== 2) {
    return null;
  }

  let total = 0;
  for (const value of children) {
    const match = /^(\d+)m(\d+(?:\.\d+)?)s$/.exec(value);
    if (!match) {
      return null;
    }
    total += Number(match[1]) * 60 + Number(match[2]);
  }
  return total;
}

/**
 * Reads user plus system CPU seconds of a running process from /proc/PID/stat (fields 14
 * and 15, in clock ticks). `ticksPerSecond` is `getconf CLK_TCK`, 100 on Linux x86-64 and arm64.
 */
export function parseProcStatCpuSeconds(stat: string, ticksPerSecond: number): number | null {
  // The command name in field 2 may contain spaces and brackets, so fields are counted after its closing bracket.
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(afterName[11]);
  const stime = Number(afterName[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime) || afterName.length < 13) {
    return null;
  }
  return (utime + stime) / ticksPerSecond;
}
