import { PortabilityApiError, PortabilityError } from "@dataportability/core";
import { ArchiveDownloadError, ArchiveVerificationError } from "@dataportability/node";

/**
 * How the pipeline treats a failure:
 * - `rate-limit`: the API said 429 (not an exhausted quota): the whole queue pauses for
 *   `waitMs` (every worker of the Google project), then the step runs again;
 * - `transient`: 5xx, network errors, 401 (the app may refresh the token), token callback
 *   errors, download errors worth another try: the step runs again after a backoff;
 * - `not-before`: a time-based export ran less than 24 hours ago: run at `at`;
 * - `permanent`: the export cannot finish; it goes to the dead letters.
 *
 * @internal
 * @example
 * ```ts
 * if (classifyFailure(error).kind === "permanent") await deadLetter(error);
 * ```
 */
export type Failure =
  | { kind: "rate-limit"; waitMs: number | undefined }
  | { kind: "transient"; waitMs: number | undefined }
  | { kind: "not-before"; at: Date }
  | { kind: "permanent" };

/**
 * Classifies a failure of an export or download step.
 *
 * @internal
 * @example
 * ```ts
 * classifyFailure(new TypeError("fetch failed")); // { kind: "transient", waitMs: undefined }
 * ```
 */
export function classifyFailure(error: unknown): Failure {
  if (error instanceof PortabilityApiError) {
    if (!error.isOneTimeExhausted && error.nextAllowedAt) {
      return { kind: "not-before", at: error.nextAllowedAt };
    }
    if (error.httpStatus === 429 && error.isTransient) {
      return { kind: "rate-limit", waitMs: error.retryAfterMs };
    }
    if (error.isTransient || error.httpStatus === 401 || error.httpStatus === 408) {
      return { kind: "transient", waitMs: error.retryAfterMs };
    }
    return { kind: "permanent" };
  }
  if (error instanceof ArchiveVerificationError) return { kind: "transient", waitMs: undefined };
  if (error instanceof ArchiveDownloadError) {
    const status = error.httpStatus;
    const gone = error.reason === "http-status" && status !== undefined && status < 500;
    return gone && status !== 408 && status !== 429
      ? { kind: "permanent" }
      : { kind: "transient", waitMs: undefined };
  }
  if (error instanceof PortabilityError) return { kind: "permanent" };
  return { kind: "transient", waitMs: undefined };
}

/**
 * Backoff settings for transient failures.
 *
 * @example
 * ```ts
 * const backoff: BackoffOptions = { baseMs: 2_000, maxMs: 600_000, maxFailures: 12 };
 * ```
 */
export interface BackoffOptions {
  /** First wait. Default 5 000 ms; doubles per failure in a row, ±20 % jitter. */
  baseMs?: number;
  /** Longest wait. Default 15 minutes. */
  maxMs?: number;
  /** Transient failures in a row before the export is dead-lettered. Default 10. */
  maxFailures?: number;
}

/**
 * The wait before the `failures`-th retry in a row: exponential with jitter, never shorter
 * than the server's `Retry-After`.
 *
 * @internal
 * @example
 * ```ts
 * backoffMs(3, undefined, { baseMs: 1000 }, () => 0.5); // 4000
 * ```
 */
export function backoffMs(
  failures: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const base = options.baseMs ?? 5_000;
  const max = options.maxMs ?? 15 * 60_000;
  const planned = Math.min(max, base * 2 ** Math.max(0, failures - 1)) * (0.8 + random() * 0.4);
  return Math.round(Math.max(planned, retryAfterMs ?? 0));
}
