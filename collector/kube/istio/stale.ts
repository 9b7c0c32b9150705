import type { DataPlanePod } from './data-plane.js';

/**
 * Whether a proxy runs an old version. With no target known every proxy counts as current,
 * because calling all of them stale would page on a missing istiod rather than on old proxies.
 */
export function isStale(entry: DataPlanePod, target: string | null): boolean {
  return target !== null && entry.version !== target;
}
