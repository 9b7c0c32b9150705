import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { agentError } from '../errors.js';
import type { Report } from '../../wire/report.js';

/** What one POST of a report came to. */
export type SendResult =
  | { kind: 'acknowledged'; status: number }
  /** Collector down, 5xx or 429: retry with backoff. */
  | { kind: 'unavailable'; reason: string; retryAfterMs: number | null }
  /** Any other 4xx: the collector will not take this report as it is. */
  | { kind: 'rejected'; status: number; body: string };

export interface SenderOptions {
  collectorUrl: string;
  tokenFile?: string;
  timeoutMs?: number;
}

/** POSTs reports to the collector's `/api/v1/reports`. */
export class ReportSender {
  readonly url: string;

  constructor(private readonly options: SenderOptions) {
    this.url = new URL('/api/v1/reports', options.collectorUrl).toString();
  }

  async send(report: Report, signal?: AbortSignal): Promise<SendResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = this.readToken();
    if (token) {
      headers.authorization = `Bearer ${token}`;
    }

    const timeoutMs = this.options.timeoutMs ?? 30_000;
    let response;
    try {
      response = await request(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(report),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal,
      });
    } catch (err) {
      return { kind: 'unavailable', reason: (err as Error).message, retryAfterMs: null };
    }

    const body = (await response.body.text().catch(() => '')).slice(0, 2000);
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      return { kind: 'acknowledged', status };
    }
    if (status === 429 || status >= 500) {
      return { kind: 'unavailable', reason: `HTTP ${status}: ${body}`, retryAfterMs: parseRetryAfter(response.headers['retry-after']) };
    }
    return { kind: 'rejected', status, body };
  }

  /** Reads the token on every send, so a rotated token file takes effect without a restart. */
  private readToken(): string | null {
    if (!this.options.tokenFile) {
      return null;
    }
    try {
      return readFileSync(this.options.tokenFile, 'utf8').trim();
    } catch (err) {
      throw agentError('GW_AGENT_TOKEN_UNREADABLE', { file: this.options.tokenFile, reason: (err as Error).message }, err);
    }
  }
}

function parseRetryAfter(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d+$/.test(value.trim())) {
    return null;
  }
  return Number(value.trim()) * 1000;
}
