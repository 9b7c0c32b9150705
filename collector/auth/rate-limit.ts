import type { Clock } from '../../core/clock.js';

/** Buckets kept at most; the least recently used is dropped beyond it, which only refills it early. */
const MAX_BUCKETS = 100_000;

/**
 * Token buckets keyed by agent identity: each key holds up to `burst` tokens, refilled at
 * `perSecond`, and each request takes one. Time comes from the injected clock.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {}

  /** Takes one token for `key`; returns 0 when allowed, otherwise the seconds until a token is available. */
  take(key: string): number {
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    const refilled = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);

    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.buckets.delete(key);
    if (refilled >= 1) {
      this.buckets.set(key, { tokens: refilled - 1, at: now });
      this.evict();
      return 0;
    }
    this.buckets.set(key, { tokens: refilled, at: now });
    return Math.max(1, Math.ceil((1 - refilled) / this.perSecond));
  }

  private evict(): void {
    if (this.buckets.size > MAX_BUCKETS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) {
        this.buckets.delete(oldest);
      }
    }
  }
}
