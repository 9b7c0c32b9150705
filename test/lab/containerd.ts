import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnManaged, waitForUnixSocket, type ManagedProcess, type ProcessRegistry } from './processes.js';

export interface ContainerdOptions {
  /** `info` is the production default and what the agent must read. */
  logLevel?: 'debug' | 'info';
  registry?: ProcessRegistry;
  startTimeoutMs?: number;
}

/** A containerd started in its own temporary directory. */
export interface LabContainerd {
  /** Temporary directory holding root, state, socket, config, certs.d and the log. */
  readonly dir: string;
  /** gRPC socket path, for the CRI client. */
  readonly socket: string;
  /** containerd's stderr: the log file the agent follows. */
  readonly logFile: string;
  /** The certs.d directory set as the CRI `registry.config_path`. */
  readonly certsDir: string;
  readonly process: ManagedProcess;
  /** Writes `<certsDir>/<namespace>/hosts.toml`; containerd re-reads it on the next pull. */
  writeHosts(namespace: string, toml: string): void;
  /** Stops containerd by pid and removes the temporary directory. */
  stop(): Promise<void>;
}

/**
 * Renders a config (version 2, containerd 1.5 to 1.7) that runs the CRI plugin unprivileged
 * enough for a container-less test machine: no cgroups, no AppArmor, the native snapshotter.
 */
export function renderContainerdConfig(dir: string): string {
  return [
    'version = 2',
    `root = "${join(dir, 'root')}"`,
    `state = "${join(dir, 'state')}"`,
    '',
    '[grpc]',
    `  address = "${join(dir, 'containerd.sock')}"`,
    '',
    '[ttrpc]',
    `  address = "${join(dir, 'containerd.sock.ttrpc')}"`,
    '',
    '[plugins."io.containerd.grpc.v1.cri"]',
    '  disable_cgroup = true',
    '  disable_apparmor = true',
    '  restrict_oom_score_adj = true',
    '  [plugins."io.containerd.grpc.v1.cri".containerd]',
    '    snapshotter = "native"',
    '  [plugins."io.containerd.grpc.v1.cri".registry]',
    `    config_path = "${join(dir, 'certs.d')}"`,
    '',
  ].join('\n');
}

/** Starts containerd and resolves once its socket accepts connections. */
export async function startContainerd(options: ContainerdOptions = {}): Promise<LabContainerd> {
  // Unix socket paths are limited to 108 bytes, so keep the directory short.
  const dir = mkdtempSync(join(tmpdir(), 'gw-ctd-'));
  const certsDir = join(dir, 'certs.d');
  mkdirSync(certsDir);
  const configFile = join(dir, 'config.toml');
  writeFileSync(configFile, renderContainerdConfig(dir));
  const logFile = join(dir, 'containerd.log');
  const socket = join(dir, 'containerd.sock');

  const child = spawnManaged('containerd', ['--config', configFile, '--log-level', options.logLevel ?? 'info'], {
    name: 'containerd',
    logFile,
  });

  const handle: LabContainerd = {
    dir,
    socket,
    logFile,
    certsDir,
    process: child,

    writeHosts(namespace, toml) {
      mkdirSync(join(certsDir, namespace), { recursive: true });
      writeFileSync(join(certsDir, namespace, 'hosts.toml'), toml);
    },

    async stop() {
      try {
        await child.stop();
      } finally {
        options.registry?.forget(handle);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  options.registry?.track(handle);

  try {
    const timeoutMs = options.startTimeoutMs ?? 20_000;
    await child.waitForOutput(/containerd successfully booted/, timeoutMs);
    await waitForUnixSocket(socket, timeoutMs);
  } catch (err) {
    await handle.stop();
    throw err;
  }
  return handle;
}
