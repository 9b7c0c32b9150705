import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PullCase } from './scenario.js';

/**
 * Loopback hosts named in the written hosts.toml files. Nothing listens on them and nothing
 * connects to them: the log lines only name them, as containerd 1.6 names hosts it tried.
 */
export const WRITTEN_HOSTS = {
  mirror: '127.0.0.1:5443',
  upstream: '127.0.0.1:5444',
  closedMirror: '127.0.0.1:5499',
  closedUpstream: '127.0.0.1:9',
} as const;

/** The three pull shapes the writer produces, in the result format of the lab's pull cases. */
export const WRITTEN_CASES: readonly PullCase[] = [
  {
    name: 'mirror hit',
    namespace: 'hit.fault.test',
    image: 'hit.fault.test/solo-public/agentgateway:2026.5.0',
    hosts: 'healthy',
    outcome: 'success',
    servedBy: 'mirror',
    failureCause: null,
    attempts: [],
  },
  {
    name: 'mirror 404 then upstream',
    namespace: 'miss.fault.test',
    image: 'miss.fault.test/solo-public/only-upstream:1.0',
    hosts: 'healthy',
    outcome: 'success',
    servedBy: 'upstream',
    failureCause: null,
    attempts: [{ host: 'mirror', cause: 'not_found' }],
  },
  {
    name: 'both not found',
    namespace: 'gone.fault.test',
    image: 'gone.fault.test/solo-public/nowhere:9.9',
    hosts: 'healthy',
    outcome: 'failure',
    servedBy: 'unknown',
    failureCause: 'not_found',
    attempts: [
      { host: 'mirror', cause: 'not_found' },
      { host: 'upstream', cause: 'not_found' },
    ],
  },
];

const IMAGE_ID = 'sha256:053212e7d442c91b90c83f6bb9c239e96262a5f2217db4f86c22e29c4bd07005';

/**
 * Appends pulls to a log file in the line format of containerd 1.6.20 at `--log-level info`:
 * CRI PullImage start and end, and `trying next host` on a 404. Pulls are written one after
 * another, so end-to-end tests get hundreds of pulls in a second without containerd. Every
 * line gets a distinct nanosecond timestamp, so every written pull has its own record id.
 */
export class PullLogWriter {
  /** Pulls written so far, per case name. */
  readonly written = new Map<string, number>();
  private lastNanos = 0n;

  constructor(readonly file: string) {
    writeFileSync(file, '');
  }

  /** Writes `rounds` rounds of every case in one append and returns the pulls written. */
  appendRounds(rounds: number, cases: readonly PullCase[] = WRITTEN_CASES): number {
    const lines: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const pullCase of cases) {
        lines.push(...this.pullLines(pullCase));
      }
    }
    appendFileSync(this.file, `${lines.join('\n')}\n`);
    return rounds * cases.length;
  }

  /** Appends raw bytes as they are, for garbage between pull lines. */
  appendRaw(bytes: Buffer | string): void {
    appendFileSync(this.file, bytes);
  }

  /** Returns the lines of one pull without writing them, and counts the pull as written. */
  pullLines(pullCase: PullCase): string[] {
    const quoted = `\\"${pullCase.image}\\"`;
    const lines = [`time="${this.timestamp()}" level=info msg="PullImage ${quoted}"`];
    for (const attempt of pullCase.attempts) {
      if (attempt.cause !== 'not_found') {
        throw new Error(`PullLogWriter writes only not_found attempts, not ${attempt.cause}; add its line shape first`);
      }
      lines.push(`time="${this.timestamp()}" level=info msg="trying next host - response was http.StatusNotFound" host="${WRITTEN_HOSTS[attempt.host]}"`);
    }
    if (pullCase.outcome === 'success') {
      lines.push(`time="${this.timestamp()}" level=info msg="PullImage ${quoted} returns image reference \\"${IMAGE_ID}\\""`);
    } else {
      const reference = `\\"${pullCase.image}\\"`;
      lines.push(
        `time="${this.timestamp()}" level=error msg="PullImage ${quoted} failed" error="rpc error: code = NotFound desc = failed to pull and unpack image ${reference}: failed to resolve reference ${reference}: ${pullCase.image}: not found"`,
      );
    }
    this.written.set(pullCase.name, (this.written.get(pullCase.name) ?? 0) + 1);
    return lines;
  }

  /** Total pulls written. */
  get total(): number {
    return [...this.written.values()].reduce((sum, count) => sum + count, 0);
  }

  /** Wall-clock time with a nanosecond part that grows by at least one per line. */
  private timestamp(): string {
    const nowNanos = BigInt(Date.now()) * 1_000_000n;
    this.lastNanos = nowNanos > this.lastNanos ? nowNanos : this.lastNanos + 1n;
    const seconds = Number(this.lastNanos / 1_000_000_000n);
    const fraction = String(this.lastNanos % 1_000_000_000n).padStart(9, '0');
    return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${fraction}Z`;
  }
}

/** Writes one hosts.toml per written case: the mirror first, the upstream as `server`. */
export function writeCertsDir(certsDir: string, cases: readonly PullCase[] = WRITTEN_CASES): void {
  for (const pullCase of cases) {
    const dir = join(certsDir, pullCase.namespace);
    mkdirSync(dir, { recursive: true });
    const hostsToml = [
      `server = "https://${WRITTEN_HOSTS.upstream}"`,
      '',
      `[host."https://${WRITTEN_HOSTS.mirror}"]`,
      '  capabilities = ["pull", "resolve"]',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'hosts.toml'), hostsToml);
  }
}
