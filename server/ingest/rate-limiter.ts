// Token buckets per key (a notification): a sustained rate with room for bursts, so a launch-day
// spike passes and a runaway or hostile sender is slowed with 429 + Retry-After instead.
import type { Clock } from '../clock.ts';

export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: how long until one request would pass. */
  retryAfterMs: number;
}

export interface RateLimiter {
  take(key: string): RateLimitDecision | Promise<RateLimitDecision>;
}

export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: how many requests may arrive at once. */
  burst: number;
  clock: Clock;
  /** Buckets idle this long are forgotten, bounding memory. */
  idleMs?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export function createTokenBucketLimiter(options: TokenBucketOptions): RateLimiter {
  const { ratePerSecond, burst, clock } = options;
  const idleMs = options.idleMs ?? Math.max(60_000, (burst / ratePerSecond) * 2000);
  const buckets = new Map<string, Bucket>();
  let lastSweep = clock.now();

  function sweep(now: number) {
    if (now - lastSweep < idleMs) return;
    lastSweep = now;
    for (const [key, bucket] of buckets) if (now - bucket.updatedAt > idleMs) buckets.delete(key);
  }

  return {
    take(key) {
      const now = clock.now();
      sweep(now);
      const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: now };
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * ratePerSecond);
      bucket.updatedAt = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterMs: 0 };
      }
      return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / ratePerSecond) * 1000) };
    },
  };
}
