import { execFileSync } from 'node:child_process';

/**
 * True when process `pid` has an established TCP connection to 127.0.0.1:`port`, read from
 * `ss` (iproute2). A report is in flight while the agent has such a connection.
 */
export function hasConnectionTo(pid: number, port: number): boolean {
  const output = execFileSync('ss', ['-tnpH', 'state', 'established', `( dst 127.0.0.1:${port} )`], { encoding: 'utf8' });
  return output.split('\n').some((line) => line.includes(`pid=${pid},`));
}
