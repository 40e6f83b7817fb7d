import type { ArchiveStateName } from "../client/archive-types.js";
import { PortabilityError } from "./portability-error.js";

/**
 * Base of the errors about one archive job's outcome.
 *
 * @example
 * ```ts
 * if (error instanceof ArchiveJobError) console.error(error.jobId, error.message);
 * ```
 */
export class ArchiveJobError extends PortabilityError {
  override readonly name: string = "ArchiveJobError";
  /** The job concerned (for a failure after retries: the last job). */
  readonly jobId: string;
  constructor(jobId: string, message: string, cause?: unknown) {
    super(`Archive job ${jobId} ${message}`, { cause });
    this.jobId = jobId;
  }
}

/**
 * An archive job ended FAILED (after any retries the poller was allowed).
 *
 * @example
 * ```ts
 * try {
 *   await waitForArchive(client, jobId, { retryFailed: true });
 * } catch (error) {
 *   if (error instanceof ArchiveFailedError) console.error("jobs tried:", error.jobIds);
 * }
 * ```
 */
export class ArchiveFailedError extends ArchiveJobError {
  override readonly name = "ArchiveFailedError";
  /** Every job of this export, the first one first (retries add new IDs). */
  readonly jobIds: readonly string[];
  constructor(jobId: string, jobIds: readonly string[] = [jobId]) {
    super(jobId, `failed (jobs: ${jobIds.join(", ")})`);
    this.jobIds = jobIds;
  }
}

/**
 * An archive job ended CANCELLED.
 *
 * @example
 * ```ts
 * if (error instanceof ArchiveCancelledError) console.log(`${error.jobId} was cancelled`);
 * ```
 */
export class ArchiveCancelledError extends ArchiveJobError {
  override readonly name = "ArchiveCancelledError";
  constructor(jobId: string) {
    super(jobId, "was cancelled");
  }
}

/**
 * The job was still running when the poller's maximum wait ran out. The job itself goes on;
 * poll it again later. When the last check failed (an outage), `lastState` is `undefined` and
 * that check's error is the `cause`.
 *
 * @example
 * ```ts
 * if (error instanceof WaitTimeoutError) await saveForLater(error.jobId);
 * ```
 */
export class WaitTimeoutError extends ArchiveJobError {
  override readonly name = "WaitTimeoutError";
  /** How long the poller waited before giving up, in milliseconds (poller clock). */
  readonly waitedMs: number;
  /** The last state seen; `undefined` when the last check failed. */
  readonly lastState: ArchiveStateName | undefined;
  constructor(jobId: string, waitedMs: number, lastState?: ArchiveStateName, cause?: unknown) {
    super(
      jobId,
      `${lastState ? `still ${lastState}` : "had no successful check"} after ${waitedMs} ms`,
      cause,
    );
    this.waitedMs = waitedMs;
    this.lastState = lastState;
  }
}

/**
 * The job has no archive URLs yet (it is not COMPLETE).
 *
 * @example
 * ```ts
 * if (error instanceof ArchiveNotReadyError) await waitForArchive(client, error.jobId);
 * ```
 */
export class ArchiveNotReadyError extends ArchiveJobError {
  override readonly name = "ArchiveNotReadyError";
  /** The job's state when it was read, e.g. `IN_PROGRESS`. */
  readonly state: ArchiveStateName;
  constructor(jobId: string, state: ArchiveStateName) {
    super(jobId, `is ${state}, not COMPLETE`);
    this.state = state;
  }
}
