import {
  ArchiveCancelledError,
  ArchiveFailedError,
  InvalidArgumentError,
  type SerializedPoller,
} from "@dataportability/core";
import type { Job, Queue } from "bullmq";
import { ExportNotDeadError, ExportNotFoundError } from "../errors/export-errors.js";
import { reviveExportError } from "../errors/serialized-error.js";
import type {
  DeadLetter,
  DownloadJobData,
  ExportJobData,
  ExportPhase,
  ExportProgress,
  ExportResult,
  StoredArchiveFile,
} from "../export-types.js";
import { downloadJobId } from "../worker/download-processor.js";
import type { ResetCoordinator } from "../worker/reset-coordinator.js";
import { validateExportId } from "./export-id.js";

/**
 * Options of {@link ExportQueue.retryExport}: where a dead export starts again.
 *
 * - `"auto"` (default): where it died, when that step can still succeed. A download or a
 *   reset resumes as it was (the archive job is COMPLETE and its data kept 14 days; the
 *   download job reads fresh signed URLs). A poll resumes checking the same archive job, also
 *   after a refused token or consent (the job may still deliver, while a new one needs the
 *   user's access to allow another export); a poll past its `maxWaitMs` gets that long again.
 *   It starts again from `initiate` when the archive job cannot deliver: it FAILED after its
 *   retries, was CANCELLED, or is unknown to the API or to Cloud Storage (404, e.g. after the
 *   14 days), and when the failed download job of a dead download was removed from Redis.
 * - `"start"`: from `initiate`, forgetting the archive job. A new archive job needs the
 *   user's access to allow one: with one-time access, after `authorization.reset` and a new
 *   consent. If an identical archive job still runs, the export takes it over (409
 *   `ALREADY_EXISTS`), so no work is lost.
 *
 * Either way the count of transient failures in a row starts again at 0.
 *
 * @example
 * ```ts
 * await queue.retryExport(exportId); // where it died
 * await queue.retryExport(otherId, { from: "start" } satisfies RetryExportOptions);
 * ```
 */
export interface RetryExportOptions {
  /** `"auto"` (default) or `"start"`. */
  from?: "auto" | "start";
}

/** Whether the archive job of a dead poll or download can still deliver. */
function archiveJobUsable(data: ExportJobData): boolean {
  if (!data.archiveJobId || (data.phase === "poll" && !data.poller)) return false;
  const error = data.error;
  if (!error) return true;
  const revived = reviveExportError(error);
  if (revived instanceof ArchiveFailedError || revived instanceof ArchiveCancelledError) {
    return false;
  }
  const status = error.fields?.["httpStatus"];
  return status !== 404 && status !== 410;
}

/**
 * The phase a dead export resumes from (see {@link RetryExportOptions}).
 *
 * @internal
 * @example
 * ```ts
 * resumePhase({ ...data, phase: "poll", error: archiveFailed }, "auto"); // "initiate"
 * ```
 */
export function resumePhase(data: ExportJobData, from: "auto" | "start"): ExportPhase {
  if (from === "start" || data.phase === "initiate") return "initiate";
  if (data.phase === "poll" || data.phase === "download") {
    return archiveJobUsable(data) ? data.phase : "initiate";
  }
  return data.phase;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The job data a dead export runs again with: no error, no transient failures, and for a
 * restart nothing of the old archive job; a resumed poll checks at once, with a deadline
 * pushed back by its full wait when it has passed.
 *
 * @internal
 * @example
 * ```ts
 * const next = retryData(job.data, "poll", Date.now());
 * ```
 */
export function retryData(data: ExportJobData, phase: ExportPhase, now: number): ExportJobData {
  if (phase === "initiate") {
    const {
      error: _error,
      archiveJobId: _archiveJobId,
      accessType: _accessType,
      reusedJob: _reusedJob,
      poller: _poller,
      files: _files,
      resetStarted: _resetStarted,
      reset: _reset,
      ...request
    } = data;
    return { ...request, phase, transientFailures: 0 };
  }
  const { error: _error, ...kept } = data;
  const next: ExportJobData = { ...kept, phase, transientFailures: 0 };
  if (phase === "poll" && data.poller) next.poller = rearmPoller(data.poller, now);
  return next;
}

function rearmPoller(poller: SerializedPoller, now: number): SerializedPoller {
  const startedAt = Date.parse(poller.startedAt);
  const deadline = Date.parse(poller.deadline);
  return {
    ...poller,
    nextCheckAt: iso(now),
    ...(deadline <= now ? { deadline: iso(now + Math.max(0, deadline - startedAt)) } : {}),
  };
}

/**
 * What {@link retryDeadExport} works on: the producer's queues and reset bookkeeping.
 *
 * @internal
 * @example
 * ```ts
 * const targets: RetryTargets = { exportsQueue, deadQueue, coordinator, downloadsQueue: () => q };
 * ```
 */
export interface RetryTargets {
  exportsQueue: Queue<ExportJobData, ExportResult>;
  deadQueue: Queue<DeadLetter>;
  coordinator: ResetCoordinator;
  /** Opened on first use: only a dead download needs it. */
  downloadsQueue(): Queue<DownloadJobData, StoredArchiveFile[]>;
}

function checkOptions(options: RetryExportOptions | undefined): "auto" | "start" {
  if (options === undefined) return "auto";
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("options", "is not an object", '{ from?: "auto" | "start" }');
  }
  const from: unknown = options.from;
  if (from === undefined || from === "auto" || from === "start") return from ?? "auto";
  throw new InvalidArgumentError(
    "from",
    `${typeof from === "string" ? JSON.stringify(from.slice(0, 100)) : typeof from} is not a place to retry from`,
    '"auto" (where it died) or "start" (from initiate)',
  );
}

/**
 * `ExportQueue.retryExport`: checks that the export is dead (reading only), then takes it back
 * into its user's reset bookkeeping, retries its failed download job when it resumes a
 * download (BullMQ `Job.retry`, which hands the child back to its parent), saves the data to
 * run with, removes the dead letter, reports a `retried` progress, and moves the job from the
 * failed set to the waiting list with BullMQ's `Job.retry`.
 *
 * @internal
 * @throws {InvalidArgumentError} for a bad ID or option; {@link ExportNotFoundError};
 *   {@link ExportNotDeadError}.
 * @example
 * ```ts
 * const { phase } = await retryDeadExport(targets, exportId, { from: "start" });
 * ```
 */
export async function retryDeadExport(
  targets: RetryTargets,
  exportId: string,
  options: RetryExportOptions | undefined,
): Promise<{ exportId: string; phase: ExportPhase }> {
  const id = validateExportId(exportId);
  const from = checkOptions(options);
  const job = await targets.exportsQueue.getJob(id);
  if (!job) throw new ExportNotFoundError(id);
  const state = await job.getState();
  if (state !== "failed") throw new ExportNotDeadError(id, state);

  const data = job.data;
  let phase = resumePhase(data, from);
  let child: Job<DownloadJobData, StoredArchiveFile[]> | undefined;
  if (phase === "download") {
    const childId = downloadJobId(id, data.archiveJobId ?? "");
    child = await targets.downloadsQueue().getJob(childId);
    const recorded = Object.keys(await job.getIgnoredChildrenFailures()).some((key) =>
      key.endsWith(`:${childId}`),
    );
    // Only a retry of the download job itself clears its failure from the export job; once
    // it is removed, the failure stays and a resumed download would die at once.
    if (!child && recorded) phase = "initiate";
  }

  if (data.resetAuthorization) await targets.coordinator.reopen(data.userId, id);
  if (phase === "download" && child && (await child.getState()) === "failed") {
    const { error: _error, ...fresh } = child.data;
    await child.updateData(fresh);
    await child.retry("failed", { resetAttemptsMade: true });
  }
  const next = retryData(data, phase, Date.now());
  await job.updateData(next);
  await targets.deadQueue.remove(id);
  const report: ExportProgress = {
    exportId: id,
    userId: next.userId,
    phase,
    ...(next.archiveJobId ? { archiveJobId: next.archiveJobId } : {}),
    retried: true,
    at: new Date().toISOString(),
  };
  await targets.exportsQueue.updateJobProgress(id, report);
  try {
    await job.retry("failed", { resetAttemptsMade: true });
  } catch (error) {
    // Another call retried it first: the export runs, as asked.
    const now = await job.getState();
    if (now !== "failed") throw new ExportNotDeadError(id, now);
    throw error;
  }
  return { exportId: id, phase };
}
