import { defineErrors } from '../../core/errors.js';

export const verdictCommandError = defineErrors({
  GW_VERDICT_BAD_PORT: {
    message: 'collector URL {url} uses port {port}, which the fetch standard blocks as unsafe ("bad port"), so no request was sent',
    fix: 'run the collector on another port, such as the default 9410, and pass that URL to --collector',
  },
  GW_VERDICT_REJECTED: {
    message: 'collector {url} rejected the verdict request with HTTP {status}: {body}',
    fix: '{advice}',
  },
});

/** Returns the port a fetch "bad port" error concerns, or null for any other error. */
export function badPortOf(err: unknown, url: string): string | null {
  const cause = (err as { cause?: unknown }).cause;
  if (!(cause instanceof Error) || cause.message !== 'bad port') {
    return null;
  }
  const parsed = new URL(url);
  return parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
}

/** Advice for a 4xx reply: authentication problems differ from a request the collector found invalid. */
export function adviceForStatus(status: number): string {
  if (status === 401 || status === 403) {
    return 'pass --token-file with a token from the collector auth.verdictTokenFiles';
  }
  if (status === 404) {
    return 'check that --collector names a gapwatch collector, without a path';
  }
  return 'correct the request as the collector message says: check the --delete and --keep lists and --window-seconds';
}
