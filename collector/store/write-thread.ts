import { Worker } from 'node:worker_threads';
import type { Clock } from '../../core/clock.js';
import { RateLimitedLog, type Logger } from '../../core/log.js';
import { collectorError } from '../errors.js';
import { writeWorkerUrl } from './worker-url.js';
import { fromWireError, type WriteReply, type WriteRequest, type WriterData, type WriterNotice } from './write-protocol.js';

/** Pause after the thread died before a new one starts, so a thread that cannot open the database does not spin. */
const RESTART_DELAY_MS = 1000;

/** A repeating notice from the thread (a fold, a failed fold) is logged at most once a minute. */
const NOTICE_LOG_INTERVAL_MS = 60_000;

type Pending = { resolve: (reply: WriteReply) => void; reject: (error: unknown) => void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = WithoutId<WriteRequest>;

/**
 * The store's writer thread, seen from the event-loop thread: sends requests, pairs replies
 * by id, and starts a new thread when the old one died. A request in flight when the thread
 * dies is rejected. Its reports may have committed or not, and the agent's resend is
 * deduplicated in both cases.
 */
export class WriteThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Pending>();
  private stoppedAt: number | null = null;
  private closing: Promise<void> | null = null;
  private readonly noticeLog: RateLimitedLog;

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Thread script; tests pass one that fails on purpose. */
    private readonly script: () => URL = writeWorkerUrl,
  ) {
    this.noticeLog = new RateLimitedLog(NOTICE_LOG_INTERVAL_MS, () => clock.now());
  }

  /**
   * Sends `message` and resolves to the thread's reply of the same type. A `failed` reply
   * rejects with the thread's error, and a reply of another type rejects as a protocol bug.
   */
  async request<M extends Request>(message: M): Promise<Extract<WriteReply, { type: M['type'] }>> {
    const reply = await this.send(message);
    if (reply.type === 'failed') {
      throw fromWireError(reply.error);
    }
    if (reply.type !== message.type) {
      throw new Error(`store writer thread replied to a ${message.type} request with ${reply.type}`);
    }
    return reply as Extract<WriteReply, { type: M['type'] }>;
  }

  private send(message: Request): Promise<WriteReply> {
    if (this.closing) {
      return Promise.reject(collectorError('GW_STORE_WRITER_STOPPED', { file: this.file, reason: 'the store is closing' }));
    }
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (err) {
      return Promise.reject(err);
    }

    const id = this.nextId++;
    return new Promise<WriteReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id } as WriteRequest);
    });
  }

  /** Requests the thread to close the database and waits until it has ended. */
  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) {
      return;
    }
    const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const id = this.nextId++;
    this.waiting.set(id, { resolve: () => undefined, reject: () => undefined });
    worker.postMessage({ type: 'close', id } satisfies WriteRequest);
    await ended;
  }

  private start(): Worker {
    const now = this.clock.now();
    if (this.stoppedAt !== null && now - this.stoppedAt < RESTART_DELAY_MS) {
      throw collectorError('GW_STORE_WRITER_STOPPED', { file: this.file, reason: 'restarting after the thread ended' });
    }

    const worker = new Worker(this.script(), { workerData: { file: this.file } satisfies WriterData });
    this.worker = worker;
    worker.on('message', (reply: WriteReply | WriterNotice) => {
      if (reply.type === 'notice') {
        this.logNotice(reply);
        return;
      }
      const pending = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      pending?.resolve(reply);
    });
    worker.on('error', (err) => {
      this.logger.error({ err, database: this.file }, 'store writer thread failed');
    });
    // Read now: once the thread has ended, worker.threadId is -1.
    const threadId = worker.threadId;
    worker.on('exit', (exitCode) => this.onExit(worker, threadId, exitCode));
    this.logger.info({ database: this.file, threadId }, 'store writer thread started');
    return worker;
  }

  private logNotice({ level, message, details, error }: WriterNotice): void {
    const fields = { database: this.file, ...details, ...(error ? { err: fromWireError(error) } : {}) };
    this.noticeLog.run(`${level}:${message}`, (suppressed) => {
      this.logger[level]({ ...fields, suppressed }, message);
    });
  }

  private onExit(worker: Worker, threadId: number, exitCode: number): void {
    if (this.worker === worker) {
      this.worker = null;
    }
    const expected = this.closing !== null;
    const error = collectorError('GW_STORE_WRITER_STOPPED', { file: this.file, reason: `exit code ${exitCode}` });
    for (const pending of this.waiting.values()) {
      pending.reject(error);
    }
    this.waiting.clear();

    if (expected) {
      this.logger.info({ database: this.file, threadId }, 'store writer thread stopped');
      return;
    }
    this.stoppedAt = this.clock.now();
    this.logger.error({ database: this.file, threadId, exitCode, restartAfterMs: RESTART_DELAY_MS }, 'store writer thread ended unexpectedly');
  }
}
