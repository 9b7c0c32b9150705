/**
 * Computes percentiles with linear interpolation between closest ranks (the method of
 * NumPy's default and Prometheus' histogram_quantile within a bucket). `quantiles` are 0..1.
 * Returns null for each quantile when there are no values.
 */
export function percentiles(values: readonly number[], quantiles: readonly number[]): Array<number | null> {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return quantiles.map((quantile) => {
    if (sorted.length === 0) {
      return null;
    }
    const clamped = Math.min(1, Math.max(0, quantile));
    const rank = clamped * (sorted.length - 1);
    const lower = Math.floor(rank);
    const upper = Math.ceil(rank);
    const low = sorted[lower] ?? 0;
    const high = sorted[upper] ?? low;
    return low + (high - low) * (rank - lower);
  });
}
