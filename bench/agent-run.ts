import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AgentReadResult } from './agent-result.js';
import { benchError } from './errors.js';

export interface AgentRunOptions {
  journalDir: string;
  certsDir: string;
  lines: number;
  timeoutSeconds: number;
  /** Extra Node.js flags for the measured process (`--max-semi-space-size=1`, `--cpu-prof`). */
  nodeFlags: readonly string[];
}

const AGENT_READ = fileURLToPath(new URL('./agent-read.js', import.meta.url));

/** Runs agent-read.js in its own Node.js process, so its peak RSS is its own, and returns its result. */
export function runAgentRead(options: AgentRunOptions): Promise<AgentReadResult> {
  const args = [
    ...options.nodeFlags,
    AGENT_READ,
    '--directory',
    options.journalDir,
    '--certs-dir',
    options.certsDir,
    '--lines',
    String(options.lines),
    '--timeout',
    String(options.timeoutSeconds),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });

  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) {
        resolve(JSON.parse(line) as AgentReadResult);
        return;
      }
      const status = signal ? `signal ${signal}` : `code ${code}`;
      reject(
        benchError('GW_BENCH_AGENT_FAILED', {
          status,
          stderr: stderr.trim() || '(no output)',
          directory: options.journalDir,
          certsDir: options.certsDir,
          lines: options.lines,
        }),
      );
    });
  });
}
