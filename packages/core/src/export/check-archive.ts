import type { ArchiveState } from "../client/archive-types.js";
import type { PortabilityClient } from "../client/create-portability-client.js";
import { toDate } from "../validation/validation.js";
import {
  type ExportObservation,
  type ExportStepOptions,
  nextExportStep,
} from "./next-export-step.js";
import { parseSavedExport, type SavedExport } from "./saved-export.js";

/**
 * Options of {@link checkArchive}.
 *
 * @example
 * ```ts
 * const options: CheckArchiveOptions = { now: new Date(), signal: AbortSignal.timeout(30_000) };
 * ```
 */
export interface CheckArchiveOptions extends ExportStepOptions {
  /** The time of this round. Default: the client's clock, read before and after the request. */
  now?: Date | number;
  /** Aborts the round's requests; the round then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * What {@link checkArchive} returns. Store `saved` in place of the old one whatever the
 * outcome; when `done` is false, call `checkArchive` again at `nextCheckAt`.
 *
 * @example
 * ```ts
 * const round: ArchiveCheck = await checkArchive(client, saved);
 * if (round.done) await download(round.state.urls);
 * else await scheduleAt(round.nextCheckAt, round.saved);
 * ```
 */
export type ArchiveCheck =
  | {
      /** The job is COMPLETE. */
      done: true;
      /** The COMPLETE state, with its signed URLs (valid about 6 hours). */
      state: ArchiveState;
      /** The saved export after this round. */
      saved: SavedExport;
      /** No further check is needed. */
      nextCheckAt: undefined;
    }
  | {
      /** The job is still running. */
      done: false;
      /**
       * The state read this round; `undefined` when the read failed transiently or when no
       * check was due yet (the round then made no request).
       */
      state: ArchiveState | undefined;
      /** The saved export after this round. */
      saved: SavedExport;
      /** When the next check is due (ISO 8601). */
      nextCheckAt: string;
    };

/** @internal One round's outcome: what the loops build on. */
export interface ExportRound {
  saved: SavedExport;
  state: ArchiveState | undefined;
  done: boolean;
  /** The FAILED job that this round retried. */
  retriedFrom: string | undefined;
}

/**
 * @internal Runs one round for a checked saved export, due or not: reads the state once
 * (retrying a FAILED job when the saved export has retries left) and steps. Rejects with the
 * errors that end the export.
 * @example
 * ```ts
 * const round = await runExportRound(client, saved, () => clock.now(), signal, {});
 * ```
 */
export async function runExportRound(
  client: PortabilityClient,
  saved: SavedExport,
  now: () => number,
  signal: AbortSignal | undefined,
  options: ExportStepOptions,
): Promise<ExportRound> {
  let observation: ExportObservation;
  try {
    observation = { state: await client.getArchiveState(saved.jobId, { signal }) };
  } catch (error) {
    if (signal?.aborted) throw error;
    observation = { error };
  }
  let step = nextExportStep(saved, observation, now(), options);
  let retriedFrom: string | undefined;
  if (step.next.kind === "retry-failed") {
    retriedFrom = step.next.jobId;
    // Not repeated on error: after a lost answer a second retry could start another job.
    const { archiveJobId } = await client.retryArchive(retriedFrom, { signal });
    step = nextExportStep(step.saved, { retriedAs: archiveJobId }, now(), options);
  }
  const { next } = step;
  if (next.kind === "failed") throw next.error;
  const state = "state" in observation ? observation.state : undefined;
  return { saved: step.saved, state, done: next.kind === "done", retriedFrom };
}

/**
 * One round of an export, for servers that keep no process waiting: when the saved export's
 * check is due, reads the job's state once (and retries a FAILED job when the export allows
 * it), then returns the saved export to store and when to check next. It never waits (apart
 * from the client's own retries of a request); before `nextCheckAt` it makes no request and
 * returns the export unchanged, so calling it too often (a cron every minute, a clock that
 * went backwards) never adds checks. Call it from a cron job, a Cloud Task, an SQS message or
 * a workflow activity; `startExport` gives the first saved export.
 *
 * @throws {InvalidArgumentError} naming the field when `saved` is not a saved export of this
 * version (or was edited), before any request.
 * @throws {ArchiveFailedError} / {@link ArchiveCancelledError} when the job ended so,
 * {@link WaitTimeoutError} past the deadline, and {@link PortabilityApiError} for answers
 * that asking again cannot change (401, 403, 404 for a job of another user, ...).
 *
 * @example
 * ```ts
 * const round = await checkArchive(client, row.saved);
 * await db.query("update exports set saved = $2, next_check_at = $3 where id = $1", [
 *   row.id,
 *   round.saved,
 *   round.nextCheckAt ?? null,
 * ]);
 * if (round.done) await enqueueDownload(row.id, round.state.urls);
 * ```
 */
export async function checkArchive(
  client: PortabilityClient,
  saved: SavedExport | string,
  options: CheckArchiveOptions = {},
): Promise<ArchiveCheck> {
  const current = parseSavedExport(saved, "saved");
  const { now: at, signal, ...step } = options;
  const fixed = toDate(at, "now")?.getTime();
  const now = () => fixed ?? client.clock.now();
  if (now() < Date.parse(current.nextCheckAt)) {
    return { done: false, state: undefined, saved: current, nextCheckAt: current.nextCheckAt };
  }
  const round = await runExportRound(client, current, now, signal, step);
  return round.done
    ? { done: true, state: round.state!, saved: round.saved, nextCheckAt: undefined }
    : { done: false, state: round.state, saved: round.saved, nextCheckAt: round.saved.nextCheckAt };
}
