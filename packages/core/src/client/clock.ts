/**
 * The source of time used by retries, timeouts and pollers. Inject one to make waits
 * instant and deterministic in tests (for example over a virtual clock).
 *
 * @example
 * ```ts
 * let now = 0;
 * const clock: Clock = {
 *   now: () => now,
 *   sleep: async (ms) => { now += ms; },
 * };
 * const client = createPortabilityClient({ auth: "token", clock });
 * ```
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with `signal.reason` when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock: `Date.now()` and `setTimeout`, available in every runtime.
 *
 * @example
 * ```ts
 * await systemClock.sleep(1_000, AbortSignal.timeout(5_000));
 * ```
 */
export const systemClock: Clock = {
  now: Date.now,
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      // One handler for both outcomes: the timer firing, or the signal aborting first.
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        signal?.aborted ? reject(signal.reason) : resolve();
      };
      const timer = setTimeout(done, ms);
      if (signal?.aborted) done();
      else signal?.addEventListener("abort", done);
    }),
};
