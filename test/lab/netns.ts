/**
 * Network namespaces for air-gap tests: a namespace with only loopback, so nothing can leave
 * it, whose /etc/hosts and /etc/resolv.conf come from /etc/netns/<name>/ (bind-mounted by
 * `ip netns exec`). Public registry names map to loopback addresses there and nowhere else.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LabBinary } from './require.js';
import { spawnManaged, type ManagedProcess, type ProcessRegistry } from './processes.js';

const execFileAsync = promisify(execFile);

export const NETNS_BINARIES: readonly LabBinary[] = [
  { command: 'ip', debianPackage: 'iproute2' },
  { command: 'iptables', debianPackage: 'iptables' },
  { command: 'openssl', debianPackage: 'openssl' },
];

export interface Netns {
  readonly name: string;
  /** Runs a command inside the namespace and returns its exit code, stdout and stderr. */
  run(command: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Starts a long-running process inside the namespace; stop it by pid with `stop()`. */
  spawn(name: string, command: string, args: readonly string[], registry?: ProcessRegistry): ManagedProcess;
  /** Deletes the namespace and its /etc/netns folder; safe to call twice. */
  remove(): Promise<void>;
}

export interface NetnsOptions {
  /** Name prefix; a random suffix keeps parallel runs apart. */
  prefix: string;
  /** Lines of the namespace's /etc/hosts, `address name`. */
  hosts: ReadonlyArray<readonly [string, string]>;
}

/**
 * Creates a namespace with loopback up. Its resolv.conf names 127.0.0.1, where nothing answers
 * DNS, so a name missing from the hosts file fails to resolve without any packet leaving.
 */
export async function createNetns(options: NetnsOptions): Promise<Netns> {
  const name = `${options.prefix}-${randomBytes(4).toString('hex')}`;
  const etcDir = join('/etc/netns', name);
  let removed = false;

  const remove = async (): Promise<void> => {
    if (removed) {
      return;
    }
    removed = true;
    await execFileAsync('ip', ['netns', 'delete', name]).catch(() => undefined);
    await rm(etcDir, { recursive: true, force: true });
  };

  try {
    await mkdir(etcDir, { recursive: true });
    const hosts = ['127.0.0.1 localhost', ...options.hosts.map(([address, host]) => `${address} ${host}`)];
    await writeFile(join(etcDir, 'hosts'), `${hosts.join('\n')}\n`);
    await writeFile(join(etcDir, 'resolv.conf'), 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
    await execFileAsync('ip', ['netns', 'add', name]);
    await execFileAsync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (err) {
    await remove();
    throw err;
  }

  return {
    name,
    run: (command, args) => runIn(name, command, args),
    spawn: (processName, command, args, registry) =>
      spawnManaged('ip', ['netns', 'exec', name, command, ...args], registry ? { name: processName, registry } : { name: processName }),
    remove,
  };
}

function runIn(name: string, command: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('ip', ['netns', 'exec', name, command, ...args], { timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
