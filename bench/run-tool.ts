import { spawn, type StdioOptions } from 'node:child_process';
import { benchError } from './errors.js';

export interface ToolRun {
  seconds: number;
  stderr: string;
}

export interface ToolSpec {
  command: string;
  args: readonly string[];
  /** Debian package that ships the command, named in the error when it is missing. */
  debianPackage: string;
  /** Destination of the tool's stdout: an open file descriptor, or `ignore`. */
  stdout: number | 'ignore';
  /** Folder named in the failure message so the operator can rerun the command there. */
  dir: string;
}

/**
 * Runs a command to completion and returns its wall time. Rejects with GW_BENCH_TOOL_MISSING
 * when it cannot start and GW_BENCH_TOOL_FAILED when it exits non-zero or on a signal.
 */
export function runTool(spec: ToolSpec): Promise<ToolRun> {
  const stdio: StdioOptions = ['ignore', spec.stdout, 'pipe'];
  const started = process.hrtime.bigint();
  const child = spawn(spec.command, [...spec.args], { stdio });

  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    // Only the tail matters for the error message.
    stderr = (stderr + chunk).slice(-4000);
  });

  return new Promise((resolve, reject) => {
    child.on('error', (err) => {
      reject(benchError('GW_BENCH_TOOL_MISSING', { tool: spec.command, reason: err.message, package: spec.debianPackage }, err));
    });
    child.on('close', (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code === 0) {
        resolve({ seconds, stderr });
        return;
      }
      const status = signal ? `signal ${signal}` : `code ${code}`;
      const command = [spec.command, ...spec.args].join(' ');
      reject(benchError('GW_BENCH_TOOL_FAILED', { tool: command, status, stderr: stderr.trim() || '(no output)', dir: spec.dir }));
    });
  });
}
