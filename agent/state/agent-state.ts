import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentError } from '../errors.js';
import { writeFileAtomic } from './atomic-file.js';

interface StateFile {
  agentId: string;
  /** Highest report seq ever assigned; the next report gets lastSeq + 1. */
  lastSeq: number;
  /** Source position acknowledged by the collector; reading resumes after it. */
  position: string | null;
}

/**
 * The agent's durable identity and progress in `<stateDir>/state.json`. Every change is
 * written atomically before the caller goes on, so a kill -9 never loses an assigned seq.
 */
export class AgentState {
  private state: StateFile;
  private readonly file: string;

  constructor(readonly dir: string) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw agentError('GW_AGENT_STATE_DIR', { dir, reason: (err as Error).message }, err);
    }
    this.file = join(dir, 'state.json');
    this.state = this.load();
  }

  get agentId(): string {
    return this.state.agentId;
  }

  get lastSeq(): number {
    return this.state.lastSeq;
  }

  get position(): string | null {
    return this.state.position;
  }

  /** Reserves the next report seq and persists it before returning. */
  nextSeq(): number {
    this.state = { ...this.state, lastSeq: this.state.lastSeq + 1 };
    this.save();
    return this.state.lastSeq;
  }

  /** Raises lastSeq to at least `seq`, for seqs found in the spool after a crash. */
  observeSeq(seq: number): void {
    if (seq > this.state.lastSeq) {
      this.state = { ...this.state, lastSeq: seq };
      this.save();
    }
  }

  savePosition(position: string): void {
    if (position === this.state.position) {
      return;
    }
    this.state = { ...this.state, position };
    this.save();
  }

  private load(): StateFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw agentError('GW_AGENT_STATE_DIR', { dir: this.dir, reason: (err as Error).message }, err);
      }
      const fresh: StateFile = { agentId: randomBytes(16).toString('hex'), lastSeq: 0, position: null };
      this.state = fresh;
      this.save();
      return fresh;
    }

    return parseStateFile(text, this.file);
  }

  private save(): void {
    writeFileAtomic(this.file, `${JSON.stringify(this.state)}\n`);
  }
}

/** Parses state.json; pure so that a damaged file is tested on literal text. */
export function parseStateFile(text: string, file: string): StateFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw agentError('GW_AGENT_STATE_CORRUPT', { file, reason: (err as Error).message }, err);
  }

  const candidate = value as Partial<StateFile> | null;
  if (
    !candidate ||
    typeof candidate.agentId !== 'string' ||
    !/^[0-9a-f]{16,64}$/.test(candidate.agentId) ||
    !Number.isInteger(candidate.lastSeq) ||
    (candidate.lastSeq as number) < 0 ||
    !(candidate.position === null || typeof candidate.position === 'string')
  ) {
    throw agentError('GW_AGENT_STATE_CORRUPT', { file, reason: 'expected agentId (hex), lastSeq (integer) and position (string or null)' });
  }
  return { agentId: candidate.agentId, lastSeq: candidate.lastSeq as number, position: candidate.position };
}
