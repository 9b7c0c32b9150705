import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Agent, fetch as undiciFetch } from 'undici';
import { verdictError } from '../../collector/verdict/errors.js';
import { parseImageList } from '../../collector/verdict/image-list.js';
import type { Verdict } from '../../collector/verdict/types.js';
import { EXIT_ERROR, EXIT_FINDING, EXIT_FINDING_SECONDARY, EXIT_OK } from '../exit-codes.js';

interface VerdictOptions {
  delete: string;
  keep: string;
  collector: string;
  json?: boolean;
  tokenFile?: string;
  caFile?: string;
  windowSeconds?: string;
}

const EXIT_BY_VERDICT: Record<Verdict['verdict'], number> = { SAFE: EXIT_OK, UNSAFE: EXIT_FINDING, UNKNOWN: EXIT_FINDING_SECONDARY };

/** `gapwatch verdict`: requests from the collector whether version N-1's images can be deleted. */
export function register(program: Command): void {
  program
    .command('verdict')
    .description('Ask the collector whether deleting images from the mirror is safe. Exit 0 SAFE, 1 UNSAFE, 2 UNKNOWN, 3 error')
    .requiredOption('--delete <file>', 'images.txt of version N-1 to delete: one reference a line, # comments')
    .requiredOption('--keep <file>', 'images.txt of version N to keep')
    .option('--collector <url>', 'collector base URL', 'http://127.0.0.1:9410')
    .option('--window-seconds <seconds>', 'pull-history observation window in seconds (collector default: 7 days)')
    .option('--token-file <file>', 'file holding the verdict bearer token (collector auth.verdictTokenFiles)')
    .option('--ca-file <file>', 'PEM CA bundle that verifies an https:// collector; system CAs when omitted')
    .option('--json', 'print the verdict as JSON')
    .action(async (options: VerdictOptions) => {
      process.exitCode = await runVerdict(options);
    });
}

async function runVerdict(options: VerdictOptions): Promise<number> {
  const body: Record<string, unknown> = { delete: readImageList(options.delete), keep: readImageList(options.keep) };
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
      signal: AbortSignal.timeout(60_000),
      ...(dispatcher ? { dispatcher } : {}),
    });
    status = response.status;
    ok = response.ok;
    text = await response.text();
  } catch (err) {
    throw verdictError('GW_VERDICT_REQUEST', { url, reason: (err as Error).cause ?? err }, err);
  } finally {
    await dispatcher?.close();
  }
  if (!ok) {
    throw verdictError('GW_VERDICT_REQUEST', { url, reason: `HTTP ${status}: ${text.slice(0, 500)}` });
  }

  const verdict = JSON.parse(text) as Verdict;
  process.stdout.write(options.json ? `${JSON.stringify(verdict, null, 2)}\n` : formatVerdict(verdict));
  return EXIT_BY_VERDICT[verdict.verdict] ?? EXIT_ERROR;
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
