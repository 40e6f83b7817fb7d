import { type Job, UnrecoverableError } from "bullmq";
import { serializeExportError } from "../errors/serialized-error.js";
import type { DeadLetter, ExportJobData, ExportResult } from "../export-types.js";
import type { PipelineContext } from "./pipeline-context.js";

/**
 * Marks an error as final: the export goes to the dead letters with `cause`.
 *
 * @internal
 * @example
 * ```ts
 * throw new FinalFailure(reviveExportError(child.data.error));
 * ```
 */
export class FinalFailure extends Error {
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "FinalFailure";
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * Puts an export in the dead letters: saves the error in the job data, adds the dead letter
 * (replacing an older one of the same export), settles the user's reset bookkeeping, reports
 * a `dead` progress, and throws the `UnrecoverableError` that makes BullMQ fail the job.
 *
 * @internal
 * @example
 * ```ts
 * await deadLetter(ctx, job, new ArchiveCancelledError(jobId));
 * ```
 */
export async function deadLetter(
  ctx: PipelineContext,
  job: Job<ExportJobData, ExportResult>,
  error: unknown,
): Promise<never> {
  const serialized = serializeExportError(error);
  const data: ExportJobData = { ...job.data, error: serialized };
  await job.updateData(data);
  if (data.resetAuthorization) await ctx.coordinator.settle(data.userId, data.exportId, "dead");
  const letter: DeadLetter = {
    exportId: data.exportId,
    userId: data.userId,
    resources: data.resources,
    phase: data.phase,
    ...(data.archiveJobId ? { archiveJobId: data.archiveJobId } : {}),
    ...(data.poller ? { jobIds: data.poller.jobIds } : {}),
    error: serialized,
    failedAt: new Date(ctx.clock.now()).toISOString(),
  };
  await ctx.deadQueue.remove(data.exportId);
  await ctx.deadQueue.add("dead", letter, { jobId: data.exportId });
  await ctx.publish(data.exportId, {
    exportId: data.exportId,
    userId: data.userId,
    phase: "dead",
    ...(data.archiveJobId ? { archiveJobId: data.archiveJobId } : {}),
  });
  throw new UnrecoverableError(`${serialized.name}: ${serialized.message}`);
}
