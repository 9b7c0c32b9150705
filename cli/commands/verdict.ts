import { readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Command } from 'commander';
import { Agent, fetch as undiciFetch, type Response } from 'undici';
import { defineErrors, isGapwatchError } from '../../core/errors.js';
import { verdictError } from '../../collector/verdict/errors.js';
import { parseImageList } from '../../collector/verdict/image-list.js';
import type { Verdict } from '../../collector/verdict/types.js';
import { EXIT_ERROR, EXIT_FINDING, EXIT_FINDING_SECONDARY, EXIT_OK } from '../exit-codes.js';
import { adviceForStatus, badPortOf, verdictCommandError } from './verdict-errors.js';

export interface VerdictOptions {
  delete: string;
  keep: string;
  collector: string;
  json?: boolean;
  tokenFile?: string;
  caFile?: string;
  windowSeconds?: string;
}

const verdictReplyError = defineErrors({
  GW_VERDICT_REPLY_INVALID: {
    message: 'collector {url} sent a reply that is not a verdict: {reason}',
    fix: 'check that --collector names a gapwatch collector of the same version, not a proxy or another service',
  },
  GW_VERDICT_LIST_EMPTY: {
    message: '{file} contains no image references',
    fix: 'pass to --delete a file with at least one image reference of version N-1, one a line',
  },
});

/** Limits of one verdict request; the defaults suit a collector judging 10,000 images. */
export interface VerdictRequestLimits {
  timeoutMs: number;
  /** Largest reply read into memory; a bigger one is reported, not buffered. */
  maxReplyBytes: number;
}

const DEFAULT_LIMITS: VerdictRequestLimits = { timeoutMs: 60_000, maxReplyBytes: 64 * 1024 * 1024 };

const NullableString = Type.Union([Type.String(), Type.Null()]);

// The fields formatVerdict and the exit code read; extra fields from a newer collector are allowed.
const VerdictReplySchema = Type.Object({
  verdict: Type.Union([Type.Literal('SAFE'), Type.Literal('UNSAFE'), Type.Literal('UNKNOWN')]),
  judgedAt: Type.String(),
  reasons: Type.Array(
    Type.Object({
      rule: Type.String(),
      severity: Type.String(),
      message: Type.String(),
      objects: Type.Array(Type.Object({ kind: Type.String(), name: Type.String(), namespace: NullableString, node: NullableString, image: NullableString })),
    }),
  ),
});

const EXIT_BY_VERDICT: Record<Verdict['verdict'], number> = { SAFE: EXIT_OK, UNSAFE: EXIT_FINDING, UNKNOWN: EXIT_FINDING_SECONDARY };

/** `gapwatch verdict`: requests from the collector whether version N-1's images can be deleted. */
export function register(program: Command): void {
  program
    .command('verdict')
    .description('Ask the collector whether deleting images from the mirror is safe. Exit 0 SAFE, 1 UNSAFE, 2 UNKNOWN, 3 error')
    .requiredOption('--delete <file>', 'images.txt of version N-1 to delete: one reference a line, # comments')
    .requiredOption('--keep <file>', 'images.txt of version N to keep')
    .option('--collector <url>', 'collector base URL', 'http://127.0.0.1:9410')
    .option('--window-seconds <seconds>', 'pull-history observation window in seconds, at least 60 (collector default: 7 days)')
    .option('--token-file <file>', 'file holding the verdict bearer token (collector auth.verdictTokenFiles)')
    .option('--ca-file <file>', 'PEM CA bundle that verifies an https:// collector; system CAs when omitted')
    .option('--json', 'print the verdict as JSON')
    .action(async (options: VerdictOptions) => {
      process.exitCode = await runVerdict(options);
    });
}

/** Sends the verdict request, prints the verdict and returns the exit code; throws coded errors. */
export async function runVerdict(options: VerdictOptions, limits: VerdictRequestLimits = DEFAULT_LIMITS): Promise<number> {
  const toDelete = readImageList(options.delete);
  if (toDelete.length === 0) {
    throw verdictReplyError('GW_VERDICT_LIST_EMPTY', { file: options.delete });
  }
  const body: Record<string, unknown> = { delete: toDelete, keep: readImageList(options.keep) };
  if (options.windowSeconds !== undefined) {
    body.windowSeconds = Number(options.windowSeconds);
  }

  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.tokenFile !== undefined) {
    headers.authorization = `Bearer ${readText(options.tokenFile).trim()}`;
  }

  const url = new URL('/api/v1/verdicts', options.collector).toString();
  const dispatcher = options.caFile === undefined ? undefined : new Agent({ connect: { ca: readText(options.caFile) } });
  let status: number;
  let ok: boolean;
  let text: string;
  try {
    const response = await undiciFetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(limits.timeoutMs),
      ...(dispatcher ? { dispatcher } : {}),
    });
    status = response.status;
    ok = response.ok;
    text = await readBoundedText(response, limits.maxReplyBytes);
  } catch (err) {
    if (isGapwatchError(err)) {
      throw err;
    }
    const port = badPortOf(err, url);
    if (port !== null) {
      throw verdictCommandError('GW_VERDICT_BAD_PORT', { url: options.collector, port }, err);
    }
    const reason = (err as Error).name === 'TimeoutError' ? `no complete reply within ${limits.timeoutMs} ms` : ((err as Error).cause ?? err);
    throw verdictError('GW_VERDICT_REQUEST', { url, reason }, err);
  } finally {
    await dispatcher?.close();
  }
  if (status >= 400 && status < 500) {
    throw verdictCommandError('GW_VERDICT_REJECTED', { url, status, body: text.slice(0, 500), advice: adviceForStatus(status) });
  }
  if (!ok) {
    throw verdictError('GW_VERDICT_REQUEST', { url, reason: `HTTP ${status}: ${text.slice(0, 500)}` });
  }

  const verdict = parseVerdictReply(text, url);
  process.stdout.write(options.json ? `${JSON.stringify(verdict, null, 2)}\n` : formatVerdict(verdict));
  return EXIT_BY_VERDICT[verdict.verdict] ?? EXIT_ERROR;
}

/** Parses and checks the collector's reply, so garbage from a proxy is an error, not a crash. */
export function parseVerdictReply(text: string, url: string): Verdict {
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch (err) {
    throw verdictReplyError('GW_VERDICT_REPLY_INVALID', { url, reason: `invalid JSON (${(err as Error).message.slice(0, 200)})` }, err);
  }

  const problem = Value.Errors(VerdictReplySchema, reply).First();
  if (problem !== undefined) {
    throw verdictReplyError('GW_VERDICT_REPLY_INVALID', { url, reason: `${problem.path || '(body)'} ${problem.message}` });
  }
  return reply as Verdict;
}

/** Reads a reply body up to `maxBytes`. Throwing inside the loop cancels the transfer, so memory stays bounded. */
async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
  if (response.body === null) {
    return '';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw verdictReplyError('GW_VERDICT_REPLY_INVALID', { url: response.url, reason: `the reply is larger than ${maxBytes} bytes` });
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Human output: the verdict, then every reason with the objects behind it. */
export function formatVerdict(verdict: Verdict): string {
  const lines = [`verdict: ${verdict.verdict} (judged ${verdict.judgedAt})`];
  for (const reason of verdict.reasons) {
    lines.push(`- [${reason.severity}] ${reason.rule}: ${reason.message}`);
    for (const object of reason.objects) {
      const where = object.namespace === null ? object.name : `${object.namespace}/${object.name}`;
      const node = object.node === null ? '' : ` on ${object.node}`;
      const image = object.image === null ? '' : ` (${object.image})`;
      lines.push(`    ${object.kind} ${where}${node}${image}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function readImageList(file: string): string[] {
  const { images, problems } = parseImageList(readText(file));
  const first = problems[0];
  if (first !== undefined) {
    throw verdictError('GW_VERDICT_IMAGE_LIST', { file, line: first.line, text: first.text });
  }
  return images;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw verdictError('GW_VERDICT_UNREADABLE', { file, reason: (err as Error).message }, err);
  }
}
