/** HTTP status of a failed Kubernetes call: `ApiException.code` from lists, `statusCode` from watches. */
export function kubeStatusCode(err: unknown): number | null {
  if (err === null || typeof err !== 'object') {
    return null;
  }
  const record = err as { code?: unknown; statusCode?: unknown };
  if (typeof record.code === 'number') {
    return record.code;
  }
  if (typeof record.statusCode === 'number') {
    return record.statusCode;
  }
  return null;
}

/** One line for status and logs; ApiException messages carry the whole response body. */
export function describeKubeError(err: unknown): string {
  const code = kubeStatusCode(err);
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split('\n')[0] ?? message;
  const short = firstLine.length > 300 ? `${firstLine.slice(0, 300)}...` : firstLine;
  return code === null ? short : `HTTP ${code}: ${short}`;
}
