/**
 * A real CNCF distribution registry (`docker-registry` from Debian) on loopback, with storage in a
 * temporary directory, optional TLS and optional htpasswd basic auth. Every registry is stopped
 * by its process id in `stop()`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { freePort } from '../../cli/demo/processes.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';

const execFileAsync = promisify(execFile);

export type RegistryAuth =
  | { kind: 'none' }
  /** htpasswd basic auth; the map is user name to clear-text password. */
  | { kind: 'basic'; users: Record<string, string> };

export interface RegistryOptions {
  /** Server key pair; without it the registry speaks plain HTTP. */
  tls?: { cert: string; key: string };
  /** Listen port on 127.0.0.1; 0 or absent picks a free port. */
  port?: number;
  auth?: RegistryAuth;
  /** Milliseconds to wait for `/v2/` to respond after start. */
  startTimeoutMs?: number;
}

export interface LabRegistry {
  /** `https://127.0.0.1:PORT` or `http://127.0.0.1:PORT`. */
  url: string;
  /** `127.0.0.1:PORT`, the registry part of an image reference. */
  host: string;
  port: number;
  /** Debug server base URL; Prometheus metrics are at `${debugUrl}/metrics`. */
  debugUrl: string;
  pid: number;
  /** Temporary directory with config.yml, storage/ and registry.log. */
  dir: string;
  /** Stops the process by pid (SIGTERM, then SIGKILL after 5 s) and removes `dir`. */
  stop(): Promise<void>;
}

/** Binaries the lab needs, for e2e tests that must fail with an install hint under CI. */
export const LAB_REGISTRY_TOOLS = ['docker-registry', 'skopeo', 'umoci', 'openssl', 'perl'] as const;

/** Returns the names from `tools` that are not on PATH. */
export async function missingTools(tools: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const tool of tools) {
    try {
      await execFileAsync('sh', ['-c', `command -v "$0"`, tool]);
    } catch {
      missing.push(tool);
    }
  }
  return missing;
}

// The demo and the lab pick ports the same way.
export { freePort };

/** Starts docker-registry and resolves once `/v2/` responds (200, or 401 with auth on). */
export async function startRegistry(options: RegistryOptions = {}): Promise<LabRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'gapwatch-registry-'));
  const port = options.port || (await freePort());
  const debugPort = await freePort();

  let child: ChildProcess | undefined;
  try {
    await mkdir(join(dir, 'storage'));
    const htpasswd = options.auth?.kind === 'basic' ? await writeHtpasswd(dir, options.auth.users) : undefined;
    const configFile = join(dir, 'config.yml');
    await writeFile(configFile, registryConfig({ dir, port, debugPort, tls: options.tls, htpasswd }));

    const log = createWriteStream(join(dir, 'registry.log'));
    child = spawn('docker-registry', ['serve', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const pid = await spawned(child);

    const scheme = options.tls ? 'https' : 'http';
    const url = `${scheme}://127.0.0.1:${port}`;
    await waitForApi(url, child, dir, options.startTimeoutMs ?? 15_000);

    const running = child;
    return {
      url,
      host: `127.0.0.1:${port}`,
      port,
      debugUrl: `http://127.0.0.1:${debugPort}`,
      pid,
      dir,
      stop: async () => {
        await stopProcess(running);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (child) {
      await stopProcess(child);
    }
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

interface ConfigInput {
  dir: string;
  port: number;
  debugPort: number;
  tls: { cert: string; key: string } | undefined;
  htpasswd: string | undefined;
}

function registryConfig(input: ConfigInput): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${input.dir}/storage`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${input.port}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
    '  debug:',
    `    addr: 127.0.0.1:${input.debugPort}`,
    '    prometheus:',
    '      enabled: true',
    '      path: /metrics',
  ];
  if (input.tls) {
    lines.push('  tls:', `    certificate: ${input.tls.cert}`, `    key: ${input.tls.key}`);
  }
  if (input.htpasswd) {
    lines.push('auth:', '  htpasswd:', '    realm: gapwatch-lab', `    path: ${input.htpasswd}`);
  }
  return `${lines.join('\n')}\n`;
}

// distribution accepts only bcrypt htpasswd entries; perl's crypt() uses the system libcrypt,
// which makes `$2b$` hashes, and perl-base is present on every Debian system.
async function writeHtpasswd(dir: string, users: Record<string, string>): Promise<string> {
  const entries: string[] = [];
  for (const [user, password] of Object.entries(users)) {
    const salt = bcryptSalt();
    const { stdout } = await execFileAsync('perl', ['-e', 'print crypt($ARGV[0], $ARGV[1])', password, `$2b$05$${salt}`]);
    if (!stdout.startsWith('$2b$')) {
      throw new Error(`perl crypt() did not return a bcrypt hash (got "${stdout.slice(0, 8)}"); the system libcrypt lacks bcrypt`);
    }
    entries.push(`${user}:${stdout}`);
  }
  const file = join(dir, 'htpasswd');
  await writeFile(file, `${entries.join('\n')}\n`);
  return file;
}

function bcryptSalt(): string {
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(22)].map((b) => alphabet[b % 64]).join('');
}

function spawned(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`cannot start docker-registry: ${err.message}; install the Debian package docker-registry`)));
    child.once('spawn', () => resolve(child.pid as number));
  });
}

async function waitForApi(url: string, child: ChildProcess, dir: string, timeoutMs: number): Promise<void> {
  // The lab registry may use a private CA; this probe only checks that the port serves.
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        const log = await readFile(join(dir, 'registry.log'), 'utf8').catch(() => '');
        throw new Error(`docker-registry exited with code ${child.exitCode} before serving: ${log.slice(-2000)}`);
      }
      try {
        const response = await request(`${url}/v2/`, { dispatcher, headersTimeout: 1000 });
        await response.body.dump();
        if (response.statusCode === 200 || response.statusCode === 401) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`docker-registry did not answer ${url}/v2/ within ${timeoutMs} ms; see ${dir}/registry.log`);
  } finally {
    await dispatcher.close();
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    // It exited between the check above and the signal.
  }
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.pid !== undefined) {
      child.kill('SIGKILL');
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
