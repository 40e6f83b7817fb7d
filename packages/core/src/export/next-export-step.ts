import type { ArchiveState } from "../client/archive-types.js";
import {
  ArchiveCancelledError,
  ArchiveFailedError,
  WaitTimeoutError,
} from "../errors/archive-errors.js";
import { isTransientError } from "../errors/is-transient-error.js";
import { defaultPollSchedule, type PollSchedule } from "./poll-schedule.js";
import { iso, type SavedExport } from "./saved-export.js";

/**
 * What the last round of an export observed: the job's state, the error that the state read
 * (or a retry) ended with, or the new job that a retry of the FAILED job started.
 *
 * @example
 * ```ts
 * const observation: ExportObservation = { state: await client.getArchiveState(saved.jobId) };
 * ```
 */
export type ExportObservation =
  | {
      /** The state read this round. */
      state: ArchiveState;
    }
  | {
      /** What the read threw; transient errors lead to a later check. */
      error: unknown;
    }
  | {
      /** The ID of the job that `retryArchive` started in place of the FAILED one. */
      retriedAs: string;
    };

/**
 * What to do next, decided by {@link nextExportStep}:
 * - `check`: read the state again at `at` (ISO 8601);
 * - `retry-failed`: retry the FAILED job `jobId` now, then report the new ID as `retriedAs`;
 * - `done`: the job is COMPLETE, `state` holds its URLs;
 * - `failed`: the export is over: `ArchiveFailedError`, `ArchiveCancelledError`,
 *   `WaitTimeoutError`, or an error that asking again cannot change (401, 403, 404, ...).
 *
 * @example
 * ```ts
 * const describe = (next: ExportNext) =>
 *   next.kind === "check" ? `next check at ${next.at}` : next.kind;
 * ```
 */
export type ExportNext =
  | {
      /** Read the state again. */
      kind: "check";
      /** When (ISO 8601); equals the saved export's `nextCheckAt`. */
      at: string;
    }
  | {
      /** Retry the FAILED job now. */
      kind: "retry-failed";
      /** The FAILED job to retry. */
      jobId: string;
    }
  | {
      /** The job is COMPLETE. */
      kind: "done";
      /** The COMPLETE state, with the archive URLs. */
      state: ArchiveState;
    }
  | {
      /** The export ended without an archive. */
      kind: "failed";
      /** Why: a named archive error, or the error that will not go away. */
      error: unknown;
    };

/**
 * What {@link nextExportStep} returns: the saved export to store, and what to do next.
 *
 * @example
 * ```ts
 * const { saved, next }: ExportStep = nextExportStep(row.saved, observation, Date.now());
 * ```
 */
export interface ExportStep {
  /** The saved export after this round: store it in place of the old one. */
  saved: SavedExport;
  /** What to do next. */
  next: ExportNext;
}

/**
 * How checks are spaced.
 *
 * @example
 * ```ts
 * const options: ExportStepOptions = { schedule: () => 15 * 60_000 };
 * ```
 */
export interface ExportStepOptions {
  /** Wait before each next check; default `defaultPollSchedule`. */
  schedule?: PollSchedule;
  /** Jitter source in [0, 1) for ±25 % jitter on the schedule. Default `Math.random`. */
  random?: () => number;
}

/**
 * The export's state machine as one pure function (no I/O, no timers): given the saved
 * export, what the last round observed and the time, it returns the saved export to store
 * and what to do next. Every way of polling is a loop over it (`checkArchive`, the in-process
 * poller, the React hooks, the BullMQ worker), so they share one policy:
 * - COMPLETE is `done`; CANCELLED, and FAILED once the retries are used up, are `failed`;
 *   FAILED with retries left is `retry-failed`.
 * - Transient errors (429 other than an exhausted quota, 5xx, network) lead to a later check,
 *   at least the server's `Retry-After` later; other errors are `failed` at once.
 * - The next check follows `schedule` with ±25 % jitter, counted from the later of `now` and
 *   the check that was due, so a clock that goes backwards or a caller that checks early
 *   never brings checks closer together; no check is planned after the deadline, and a round
 *   at or after it ends with `WaitTimeoutError`.
 *
 * @example
 * ```ts
 * let saved = newlyStarted;
 * for (;;) {
 *   const state = await client.getArchiveState(saved.jobId);
 *   const step = nextExportStep(saved, { state }, Date.now());
 *   saved = step.saved;
 *   if (step.next.kind === "done") break;
 *   if (step.next.kind === "failed") throw step.next.error;
 *   if (step.next.kind === "check") await sleepUntil(step.next.at);
 *   // "retry-failed": call client.retryArchive and step again with { retriedAs }.
 * }
 * ```
 */
export function nextExportStep(
  saved: SavedExport,
  observation: ExportObservation,
  now: number,
  options: ExportStepOptions = {},
): ExportStep {
  const { jobId, jobIds } = saved;
  const failed = (error: unknown, at = saved): ExportStep => ({
    saved: at,
    next: { kind: "failed", error },
  });
  if ("retriedAs" in observation) {
    const retriedAs = observation.retriedAs;
    return planCheck(
      {
        ...saved,
        jobId: retriedAs,
        jobIds: [...jobIds, retriedAs],
        retriesLeft: saved.retriesLeft - 1,
        checks: 1,
      },
      now,
      undefined,
      options,
    );
  }
  const error = "error" in observation ? observation.error : undefined;
  if ("error" in observation && !isTransientError(error)) return failed(error);
  const state = "state" in observation ? observation.state : undefined;
  const checked: SavedExport = { ...saved, lastState: state?.state, checks: saved.checks + 1 };
  switch (state?.state) {
    case "COMPLETE":
      return { saved: checked, next: { kind: "done", state } };
    case "CANCELLED":
      return failed(new ArchiveCancelledError(jobId), checked);
    case "FAILED":
      if (saved.retriesLeft <= 0) return failed(new ArchiveFailedError(jobId, jobIds), checked);
      return { saved: checked, next: { kind: "retry-failed", jobId } };
    default:
      return planCheck(checked, now, error, options);
  }
}

/** Schedules the next check after a round that did not end the export, or times out. */
function planCheck(
  saved: SavedExport,
  now: number,
  error: unknown,
  { schedule = defaultPollSchedule, random = Math.random }: ExportStepOptions,
): ExportStep {
  const startedAt = Date.parse(saved.startedAt);
  const deadline = Date.parse(saved.deadline);
  // Never earlier than the check that was due: a clock gone backwards cannot bunch checks.
  const from = Math.max(now, Date.parse(saved.nextCheckAt));
  const { lastState } = saved;
  if (from >= deadline) {
    const cause = lastState ? undefined : error;
    const timeout = new WaitTimeoutError(saved.jobId, from - startedAt, lastState, cause);
    return { saved, next: { kind: "failed", error: timeout } };
  }
  const planned = schedule(saved.checks, from - startedAt) * (0.75 + random() / 2);
  const serverWait = (error as { retryAfterMs?: number } | undefined)?.retryAfterMs ?? 0;
  const at = iso(Math.round(Math.min(deadline, from + Math.max(planned, serverWait))));
  return { saved: { ...saved, nextCheckAt: at }, next: { kind: "check", at } };
}
