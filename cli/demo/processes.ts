import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The CLI entry point this demo was started from (dist/cli/main.js). */
export const CLI_PATH = fileURLToPath(new URL('../main.js', import.meta.url));

/** Every child the demo started and that has not exited, so a signal can stop them all. */
const running = new Set<ChildProcess>();

/** Starts `command` with stdout and stderr appended to `logFile`, and tracks it until it exits. */
export function spawnLogged(command: string, args: string[], logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Starts `gapwatch COMMAND --config FILE` with its pino log going to `logFile`. */
export function spawnGapwatch(command: string, configFile: string, logFile: string): ChildProcess {
  return spawnLogged(process.execPath, [CLI_PATH, command, '--config', configFile], logFile);
}

/** Children started and still running, for a signal handler that must stop them. */
export function runningChildren(): ChildProcess[] {
  return [...running];
}

/** Polls `url` until it returns 2xx; fails naming `what` after `timeoutMs`. */
export async function waitForHttp(url: string, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then((response) => response.ok, () => false);
    if (ok) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} did not respond on ${url} within ${timeoutMs / 1000} s; see its log in the demo directory`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Stops children with SIGTERM and waits up to `graceMs` for each before SIGKILL. */
export async function stopAll(children: ChildProcess[], graceMs = 12_000): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
