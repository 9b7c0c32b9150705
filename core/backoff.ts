/**
 * Exponential backoff with full jitter: the n-th delay is uniform in
 * [0.5, 1] × min(max, initial × 2^n), so agents restarted together do not retry in step.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Delay before the next attempt; each call doubles the base up to the maximum. */
  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(base * (0.5 + this.random() * 0.5));
  }

  /** Delay at the maximum, used while a peer rejects requests outright. */
  max(): number {
    return Math.round(this.maxMs * (0.5 + this.random() * 0.5));
  }

  reset(): void {
    this.attempt = 0;
  }
}
