import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

/** Upper bound on output kept in memory per process; older output is dropped first. */
const MAX_CAPTURED_CHARS = 1_000_000;

export interface SpawnOptions {
  /** Short name for messages, `containerd` or `agent`. */
  name: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * When set, stdout and stderr go straight to this file (the child writes it, as a service
   * manager would), and `output()` reads the file. Otherwise both are piped and kept in memory.
   */
  logFile?: string;
  /** Processes registered here are stopped by `registry.stopAll()` in afterAll. */
  registry?: ProcessRegistry;
}

/** A started child process; `stop()` signals it by pid and waits for it to exit. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves when a line of output matches; rejects on timeout or early exit. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited(): Promise<number | string>;
  /** Sends SIGKILL at once, as `kill -9` does, and waits for the exit. */
  kill9(): Promise<void>;
  /** Sends SIGTERM, then SIGKILL after `graceMs`, and waits for the exit. */
  stop(graceMs?: number): Promise<void>;
}

/** Processes started by one test file, stopped together in afterAll. */
export class ProcessRegistry {
  private readonly running = new Set<{ stop(): Promise<void> }>();

  track<T extends { stop(): Promise<void> }>(handle: T): T {
    this.running.add(handle);
    return handle;
  }

  forget(handle: { stop(): Promise<void> }): void {
    this.running.delete(handle);
  }

  /** Stops every tracked handle, newest first, and reports every failure together. */
  async stopAll(): Promise<void> {
    const handles = [...this.running].reverse();
    this.running.clear();
    const failures: unknown[] = [];
    for (const handle of handles) {
      try {
        await handle.stop();
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length > 0) {
      throw new AggregateError(failures, `${failures.length} lab handle(s) failed to stop`);
    }
  }
}

/** Spawns a process with its output captured; see `SpawnOptions`. */
export function spawnManaged(command: string, args: readonly string[], options: SpawnOptions): ManagedProcess {
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
  });
  if (logFd !== undefined) {
    // The child has its own copy of the descriptor.
    closeSync(logFd);
  }

  let captured = '';
  const capture = (chunk: Buffer) => {
    captured += chunk.toString('utf8');
    if (captured.length > MAX_CAPTURED_CHARS) {
      captured = captured.slice(-MAX_CAPTURED_CHARS);
    }
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);

  const exitPromise = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (err) => {
      captured += `\nspawn failed: ${err.message}\n`;
      resolve('spawn-error');
    });
  });
  let hasExited = false;
  void exitPromise.then(() => {
    hasExited = true;
  });

  const output = () => (options.logFile === undefined ? captured : readFileSync(options.logFile, 'utf8'));

  const handle: ManagedProcess = {
    name: options.name,
    pid: child.pid ?? -1,
    child,
    output,
    exited: () => exitPromise,

    async waitForOutput(pattern, timeoutMs = 30_000) {
      const line = await waitFor(
        () => {
          const found = output()
            .split('\n')
            .find((candidate) => pattern.test(candidate));
          if (found !== undefined) {
            return found;
          }
          if (hasExited) {
            throw new Error(`${options.name} exited before printing ${pattern}; its output:\n${tail(output())}`);
          }
          return undefined;
        },
        { timeoutMs, what: `${options.name} to print ${pattern}`, details: () => tail(output()) },
      );
      return line;
    },

    async kill9() {
      signal(child, 'SIGKILL');
      await exitPromise;
      options.registry?.forget(handle);
    },

    async stop(graceMs = 5_000) {
      if (!hasExited && child.pid !== undefined) {
        signal(child, 'SIGTERM');
        const timer = setTimeout(() => signal(child, 'SIGKILL'), graceMs);
        await exitPromise;
        clearTimeout(timer);
      }
      options.registry?.forget(handle);
    },
  };

  options.registry?.track(handle);
  return handle;
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Completes "timed out waiting for ..." in the error message. */
  what: string;
  /** Extra text for the timeout message, such as the last output of a process. */
  details?: () => string;
}

/**
 * Polls `probe` until it returns a value other than undefined. An exception thrown by the
 * probe ends the wait at once and is re-raised.
 */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 100;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      const details = options.details?.();
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}${details ? `\n${details}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resolves once a TCP connection to host:port succeeds. */
export async function waitForPort(host: string, port: number, timeoutMs = 15_000): Promise<void> {
  await waitFor(() => canConnect(host, port).then((ok) => (ok ? true : undefined)), {
    timeoutMs,
    what: `${host}:${port} to accept connections`,
  });
}

/** Resolves once a connection to the unix socket at `path` succeeds. */
export async function waitForUnixSocket(path: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    () =>
      new Promise<true | undefined>((resolve) => {
        const socket = connect({ path });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(undefined));
      }),
    { timeoutMs, what: `unix socket ${path} to accept connections` },
  );
}

// The demo and the lab pick ports the same way.
export { freePort } from '../../cli/demo/processes.js';

/** Signals the child by pid unless it has exited; a process that exits meanwhile is not an error. */
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  const exited = child.exitCode !== null || child.signalCode !== null;
  if (exited || child.pid === undefined) {
    return;
  }
  try {
    process.kill(child.pid, name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw err;
    }
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function tail(text: string, lines = 30): string {
  return text.split('\n').slice(-lines).join('\n');
}
