/** A fixed-window rate limit: at most `requests` per `windowMs`, then the seconds until the window opens again. */
export interface RateLimit {
  /** Counts one request: null when it may go on, else the seconds to wait (for Retry-After). */
  take(): number | null;
  reset(): void;
}

export function createRateLimit(limit: { requests: number; windowMs: number } | undefined, clock: () => number = Date.now): RateLimit {
  let window = { start: 0, used: 0 };
  return {
    take() {
      if (!limit) return null;
      const now = clock();
      if (now - window.start >= limit.windowMs) window = { start: now, used: 0 };
      if (window.used < limit.requests) {
        window.used++;
        return null;
      }
      return Math.max(1, Math.ceil((window.start + limit.windowMs - now) / 1000));
    },
    reset() {
      window = { start: 0, used: 0 };
    },
  };
}

/** One fixed window per bucket (a token's id, or `anonymous` for requests without a valid token). */
export function createRateLimitBuckets(limit: { requests: number; windowMs: number } | undefined, clock: () => number = Date.now) {
  const buckets = new Map<string, RateLimit>();
  return {
    take(bucket: string): number | null {
      if (!limit) return null;
      let window = buckets.get(bucket);
      if (!window) buckets.set(bucket, (window = createRateLimit(limit, clock)));
      return window.take();
    },
    reset(): void {
      buckets.clear();
    },
  };
}
