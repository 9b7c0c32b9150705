import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { spawnManaged, waitFor, type ManagedProcess, type ProcessRegistry } from './processes.js';

/** Repository root, two levels above this file (also from dist/test/lab). */
const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/**
 * Returns the built CLI entry point; e2e suites run what `npm run build` produced, as an
 * operator would. GAPWATCH_CLI points the suites at another build of `cli/main.js`.
 */
export function cliPath(): string {
  const override = process.env.GAPWATCH_CLI;
  const candidates = override ? [override] : [join(REPO_ROOT, 'dist', 'cli', 'main.js'), join(REPO_ROOT, 'cli', 'main.js')];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new Error(`${candidates[0]} not found; run \`npm run build\` before the e2e suite`);
  }
  return found;
}

/** A `gapwatch` subcommand running from a YAML config in its own temporary directory. */
export interface GapwatchProcess {
  readonly dir: string;
  readonly configFile: string;
  /** Running process; replaced by `restart()`. */
  readonly process: ManagedProcess;
  /** Starts the same command and config again, after the previous process has exited. */
  restart(): Promise<void>;
  /** Stops the process by pid (SIGTERM, then SIGKILL) and removes the directory. */
  stop(): Promise<void>;
}

export interface GapwatchOptions {
  /** `agent` or `collector`. */
  command: string;
  /** Builds the config once the temporary directory exists (state and database go inside it). */
  config: (dir: string) => Record<string, unknown>;
  /** URL that returns 200 once the process serves requests, such as `/healthz`. */
  readyUrl: string;
  registry?: ProcessRegistry;
  readyTimeoutMs?: number;
}

/** Starts `node dist/cli/main.js COMMAND --config FILE` and waits until `readyUrl` returns 200. */
export async function startGapwatch(options: GapwatchOptions): Promise<GapwatchProcess> {
  const dir = mkdtempSync(join(tmpdir(), `gw-${options.command}-`));
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, stringify(options.config(dir)));
  let generation = 0;

  const launch = async (): Promise<ManagedProcess> => {
    generation += 1;
    const child = spawnManaged(process.execPath, [cliPath(), options.command, '--config', configFile], {
      name: `gapwatch ${options.command}`,
      logFile: join(dir, `${options.command}-${generation}.log`),
      env: { ...process.env, GAPWATCH_LOG_LEVEL: process.env.GAPWATCH_LOG_LEVEL ?? 'info' },
    });
    try {
      await waitForHttpOk(options.readyUrl, child, options.readyTimeoutMs ?? 20_000);
    } catch (err) {
      await child.stop();
      throw err;
    }
    return child;
  };

  let current = await launch().catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });

  const handle: GapwatchProcess = {
    dir,
    configFile,
    get process() {
      return current;
    },
    async restart() {
      await current.stop();
      current = await launch();
    },
    async stop() {
      try {
        await current.stop();
      } finally {
        options.registry?.forget(handle);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  options.registry?.track(handle);
  return handle;
}

/** Resolves once `url` returns 200; rejects early when the process exits first. */
async function waitForHttpOk(url: string, child: ManagedProcess, timeoutMs: number): Promise<void> {
  let exitCode: number | string | undefined;
  void child.exited().then((code) => {
    exitCode = code;
  });
  await waitFor(
    async () => {
      if (exitCode !== undefined) {
        throw new Error(`${child.name} exited with ${exitCode} before ${url} returned 200; its log:\n${child.output().slice(-3000)}`);
      }
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
        await response.arrayBuffer();
        return response.status === 200 ? true : undefined;
      } catch {
        return undefined;
      }
    },
    { timeoutMs, intervalMs: 200, what: `${url} to return 200`, details: () => child.output().slice(-3000) },
  );
}
