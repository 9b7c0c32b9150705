import { readFileSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { request } from 'undici';
import { agentError } from '../errors.js';
import { CollectorTls, type CollectorTlsFiles } from './collector-tls.js';
import type { Report } from '../../wire/report.js';

/** Result of one POST of a report. */
export type SendResult =
  | { kind: 'acknowledged'; status: number }
  /** Collector down, 5xx, 429, timed out, or a 2xx without an acknowledgement: retry with backoff. */
  | { kind: 'unavailable'; reason: string; retryAfterMs: number | null }
  /** Any other 4xx: the collector will not take this report as it is. */
  | { kind: 'rejected'; status: number; body: string };

export interface SenderOptions extends CollectorTlsFiles {
  collectorUrl: string;
  tokenFile?: string;
  /** Limit for the whole exchange, from connect to the last body byte. */
  timeoutMs?: number;
}

/** Response bytes read at most; an acknowledgement is under 100 bytes, and an error body is only logged. */
const MAX_RESPONSE_BYTES = 16 * 1024;
/** Characters of an error body kept for the log. */
const MAX_LOGGED_BODY_CHARS = 2000;
/** Longest Retry-After honoured. */
const MAX_RETRY_AFTER_SECONDS = 300;
/** A token file larger than this is not a token. */
const MAX_TOKEN_BYTES = 64 * 1024;

/** POSTs reports to the collector's `/api/v1/reports`. */
export class ReportSender {
  /** Report URL without any user:password part, safe to log. */
  readonly url: string;
  private readonly tls: CollectorTls;

  constructor(private readonly options: SenderOptions) {
    this.tls = new CollectorTls(options);
    const url = new URL('/api/v1/reports', options.collectorUrl);
    url.username = '';
    url.password = '';
    this.url = url.toString();
  }

  async send(report: Report, signal?: AbortSignal): Promise<SendResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = this.readToken();
    if (token) {
      headers.authorization = `Bearer ${token}`;
    }
    const dispatcher = this.tls.current();

    // headersTimeout and bodyTimeout limit each wait between bytes, so a collector that
    // answers one byte at a time needs a limit on the whole exchange as well.
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const deadline = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;

    let status: number;
    let body: string;
    let retryAfter: string | string[] | undefined;
    try {
      const response = await request(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(report),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: combined,
        ...(dispatcher ? { dispatcher } : {}),
      });
      status = response.statusCode;
      retryAfter = response.headers['retry-after'];
      body = await readBounded(response.body);
    } catch (err) {
      const reason = deadline.aborted && !signal?.aborted ? `no complete response within ${timeoutMs} ms` : (err as Error).message;
      return { kind: 'unavailable', reason, retryAfterMs: null };
    }

    if (status >= 200 && status < 300) {
      return isAcknowledgement(body, report.seq)
        ? { kind: 'acknowledged', status }
        : { kind: 'unavailable', reason: `HTTP ${status} without a report acknowledgement; is collectorUrl a gapwatch collector? Body: ${body.slice(0, 200)}`, retryAfterMs: null };
    }
    if (status === 429 || status >= 500) {
      return { kind: 'unavailable', reason: `HTTP ${status}: ${body.slice(0, MAX_LOGGED_BODY_CHARS)}`, retryAfterMs: parseRetryAfter(retryAfter) };
    }
    return { kind: 'rejected', status, body: body.slice(0, MAX_LOGGED_BODY_CHARS) };
  }

  /** Reads the token on every send, so a rotated token file takes effect without a restart. */
  private readToken(): string | null {
    const file = this.options.tokenFile;
    if (!file) {
      return null;
    }

    let token: string;
    try {
      // A FIFO or device would block or never end, so only a regular file is read.
      const info = statSync(file);
      if (!info.isFile() || info.size > MAX_TOKEN_BYTES) {
        throw new Error(info.isFile() ? `larger than ${MAX_TOKEN_BYTES} bytes` : 'not a regular file');
      }
      token = readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw agentError('GW_AGENT_TOKEN_UNREADABLE', { file, reason: (err as Error).message }, err);
    }
    if (token === '') {
      throw agentError('GW_AGENT_TOKEN_EMPTY', { file });
    }
    return token;
  }
}

/** Reads up to MAX_RESPONSE_BYTES of a body and discards the rest, so a hostile response cannot fill memory. */
function readBounded(body: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => resolve(Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8'));
    body.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_RESPONSE_BYTES) {
        body.destroy();
        finish();
      }
    });
    body.once('end', finish);
    body.once('close', finish);
    body.once('error', reject);
  });
}

/** True when the body is the collector's acknowledgement of this seq. */
function isAcknowledgement(body: string, seq: number): boolean {
  try {
    const ack = JSON.parse(body) as { seq?: unknown; accepted?: unknown };
    return ack !== null && typeof ack === 'object' && ack.seq === seq && typeof ack.accepted === 'number';
  } catch {
    return false;
  }
}

function parseRetryAfter(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,6}$/.test(value.trim())) {
    return null;
  }
  // A hostile or misconfigured collector must not park the agent for days.
  return Math.min(Number(value.trim()), MAX_RETRY_AFTER_SECONDS) * 1000;
}
