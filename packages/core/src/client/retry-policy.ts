/**
 * Retry settings. Waits use full-jitter exponential backoff
 * (`random() × min(maxDelayMs, baseDelayMs × 2^retry)`), or the server's `Retry-After` /
 * `RetryInfo` when it sends one. Retries stop after `maxAttempts` tries in all, or when the
 * next wait would end after `maxElapsedMs` since the first try.
 *
 * @example
 * ```ts
 * createPortabilityClient({ auth, retry: { maxAttempts: 6, maxElapsedMs: 120_000 } });
 * createPortabilityClient({ auth, retry: false }); // one try only
 * ```
 */
export interface RetryOptions {
  /** Tries in all, first included. Default 4. */
  maxAttempts?: number;
  /** Backoff base. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest computed backoff. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Time budget for all tries and waits of one call. Default 60 000 ms. */
  maxElapsedMs?: number;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/** @internal */
export type RetryPolicy = Required<RetryOptions>;

/**
 * @internal Fills in the defaults; `false` gives a policy of one try.
 * @example
 * ```ts
 * retryPolicy({ maxAttempts: 2 }).baseDelayMs; // 500
 * ```
 */
export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  return {
    maxAttempts: 4,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    maxElapsedMs: 60_000,
    random: Math.random,
    ...(options === false ? { maxAttempts: 1 } : options),
  };
}
