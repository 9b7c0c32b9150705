import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** A binary the lab runs, and the Debian package that installs it. */
export interface LabBinary {
  command: string;
  debianPackage: string;
}

export const LAB_BINARIES = {
  containerd: { command: 'containerd', debianPackage: 'containerd' },
  registry: { command: 'docker-registry', debianPackage: 'docker-registry' },
  skopeo: { command: 'skopeo', debianPackage: 'skopeo' },
  umoci: { command: 'umoci', debianPackage: 'umoci' },
  openssl: { command: 'openssl', debianPackage: 'openssl' },
  journalctl: { command: 'journalctl', debianPackage: 'systemd' },
  journalRemote: { command: '/lib/systemd/systemd-journal-remote', debianPackage: 'systemd-journal-remote' },
} as const satisfies Record<string, LabBinary>;

/** Whether the lab can run here, and why not. */
export interface LabReadiness {
  ready: boolean;
  /** Empty when ready; otherwise one sentence per missing piece, naming what to install. */
  problems: string[];
}

/** Checks that every binary exists and that the process runs as root. */
export function checkLab(binaries: readonly LabBinary[]): LabReadiness {
  const problems: string[] = [];
  if (process.getuid?.() !== 0) {
    problems.push('the lab must run as root (containerd needs it); run the e2e suite as root');
  }
  for (const binary of binaries) {
    if (findExecutable(binary.command) === null) {
      problems.push(`${binary.command} not found; install it with: apt-get install -y ${binary.debianPackage}`);
    }
  }
  return { ready: problems.length === 0, problems };
}

/**
 * Decides whether an e2e file runs. Returns the reason to skip, or null to run. Under CI=true
 * a missing piece throws instead, so CI never passes by skipping.
 */
export function requireLab(binaries: readonly LabBinary[]): string | null {
  const readiness = checkLab(binaries);
  if (readiness.ready) {
    return null;
  }
  const reason = `lab not available: ${readiness.problems.join('; ')}`;
  if (process.env.CI === 'true') {
    throw new Error(`${reason} (CI=true, so the suite fails instead of skipping)`);
  }
  return reason;
}

/** Returns the absolute path of an executable on PATH (or the path itself), or null. */
export function findExecutable(command: string): string | null {
  const candidates = isAbsolute(command)
    ? [command]
    : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory; try the next one.
    }
  }
  return null;
}
