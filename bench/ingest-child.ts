import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Logger } from '../core/log.js';
import { ingestBenchError } from './ingest-errors.js';

/** A server under test running as a child process, so its memory and CPU are its own. */
export interface ServerChild {
  name: string;
  pid: number;
  url: string;
  /** Peak resident memory in bytes (VmHWM). */
  peakRssBytes(): number;
  /** User plus system CPU time the process has used, in seconds. */
  cpuSeconds(): number;
  /** Sends SIGTERM and waits for exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface ServerChildSpec {
  name: string;
  script: string;
  args: readonly string[];
  nodeArgs?: readonly string[];
  /** `msg` of the pino line that carries the listening `url`. */
  readyMessage: string;
  logger: Logger;
  startTimeoutMs?: number;
}

const STDERR_TAIL_CHARS = 4000;
// Linux reports utime and stime in clock ticks of USER_HZ, which is 100 on x86 and arm64.
const CLOCK_TICKS_PER_SECOND = 100;

/** Starts `node script args` and resolves once its log line `readyMessage` names the URL. */
export async function startServerChild(spec: ServerChildSpec): Promise<ServerChild> {
  const command = [process.execPath, ...(spec.nodeArgs ?? []), spec.script, ...spec.args];
  const child = spawn(command[0] ?? 'node', command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  const logger = spec.logger.child({ server: spec.name, pid: child.pid });
  // Start-up loads the Kubernetes client and other heavy modules, which takes tens of seconds on a busy machine.
  const timeoutMs = spec.startTimeoutMs ?? 120_000;

  let stderrTail = '';
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (status: string) =>
      reject(
        ingestBenchError('GW_BENCH_INGEST_START', {
          server: spec.name,
          seconds: timeoutMs / 1000,
          status,
          stderr: stderrTail.trim() || '(no output)',
          command: command.join(' '),
        }),
      );
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail('none, killed after the timeout');
    }, timeoutMs);

    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(signal ? `signal ${signal}` : `code ${code}`);
    });

    const lines = createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      stderrTail = (stderrTail + line + '\n').slice(-STDERR_TAIL_CHARS);
      const entry = parseLogLine(line);
      if (entry?.msg === spec.readyMessage && typeof entry.url === 'string') {
        clearTimeout(timer);
        resolve(entry.url);
      }
      // Warnings and errors of the server under test are part of the result, so they are kept visible.
      if (entry && typeof entry.level === 'number' && entry.level >= 40) {
        logger.warn({ line: entry }, 'server logged a warning or error');
      }
    });
  });

  const pid = child.pid ?? 0;
  logger.info({ url }, 'server started');
  return {
    name: spec.name,
    pid,
    url,
    peakRssBytes: () => readVmHwm(pid),
    cpuSeconds: () => readCpuSeconds(pid),
    stop: (graceMs = 15_000) => stopChild(child, graceMs, logger),
  };
}

function parseLogLine(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function stopChild(child: ChildProcess, graceMs: number, logger: Logger): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    logger.warn({ graceMs }, 'server did not stop after SIGTERM, sending SIGKILL');
    child.kill('SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
  logger.info({ code: child.exitCode, signal: child.signalCode }, 'server stopped');
}

/** Reads VmHWM (peak resident set) from /proc/PID/status, in bytes. */
export function readVmHwm(pid: number): number {
  const file = `/proc/${pid}/status`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw ingestBenchError('GW_BENCH_INGEST_PROC', { field: 'VmHWM', pid, file, reason: (err as Error).message }, err);
  }
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(text);
  if (!match) {
    throw ingestBenchError('GW_BENCH_INGEST_PROC', { field: 'VmHWM', pid, file, reason: 'no VmHWM line' });
  }
  return Number(match[1]) * 1024;
}

/** Reads utime + stime from /proc/PID/stat, in seconds. */
export function readCpuSeconds(pid: number): number {
  const file = `/proc/${pid}/stat`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw ingestBenchError('GW_BENCH_INGEST_PROC', { field: 'utime', pid, file, reason: (err as Error).message }, err);
  }
  // Fields after the command name, which sits in parentheses and may contain spaces.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw ingestBenchError('GW_BENCH_INGEST_PROC', { field: 'utime', pid, file, reason: `unexpected format: ${text.slice(0, 120)}` });
  }
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}
