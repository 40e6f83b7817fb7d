import { PortabilityApiError, type PortabilityClient } from "@dataportability/core";
import { parseSavedExport, runExportRound } from "@dataportability/core/internal";
import {
  DelayedError,
  type Job,
  type Processor,
  RateLimitError,
  UnrecoverableError,
  WaitingChildrenError,
} from "bullmq";
import { RetriesExhaustedError } from "../errors/export-errors.js";
import { reviveExportError, serializeExportError } from "../errors/serialized-error.js";
import type { ExportJobData, ExportResult, ResetOutcome } from "../export-types.js";
import { deadLetter, FinalFailure } from "./dead-letter.js";
import { downloadJobId } from "./download-processor.js";
import { backoffMs, classifyFailure } from "./failure-policy.js";
import type { DelayReason, PipelineContext } from "./pipeline-context.js";
import { firstSavedExport } from "./poll-settings.js";
import { clientForUser } from "./token-callback.js";

type ExportJob = Job<ExportJobData, ExportResult>;

const MAX_NOT_BEFORE_MS = 25 * 3_600_000;

/**
 * The processor of the `exports` queue: runs an export's phases until it must wait, then
 * leaves the job delayed (next state check, backoff), waiting for its download child, or
 * rate-limited, so no process waits for an archive job.
 *
 * @internal
 * @example
 * ```ts
 * new Worker(names.exports, exportProcessor(ctx), { connection });
 * ```
 */
export function exportProcessor(ctx: PipelineContext): Processor<ExportJobData, ExportResult> {
  return async (job, token, signal) => {
    try {
      return await runExport(ctx, job, token ?? "", signal);
    } catch (error) {
      return await handleFailure(ctx, job, token ?? "", error, signal);
    }
  };
}

async function save(job: ExportJob, patch: Partial<ExportJobData>): Promise<ExportJobData> {
  const data = { ...job.data, ...patch };
  await job.updateData(data);
  return data;
}

async function delayUntil(
  ctx: PipelineContext,
  job: ExportJob,
  token: string,
  at: Date,
  reason: DelayReason,
): Promise<never> {
  const now = new Date(ctx.clock.now());
  const ms = ctx.delayFor(at, { now, reason, exportId: job.data.exportId });
  await job.moveToDelayed(Date.now() + Math.max(0, ms), token);
  throw new DelayedError();
}

async function runExport(
  ctx: PipelineContext,
  job: ExportJob,
  token: string,
  signal: AbortSignal | undefined,
): Promise<ExportResult> {
  const call = signal ? { signal } : {};
  let client: PortabilityClient | undefined;
  const api = async () => {
    client ??= await clientForUser(ctx.auth, ctx.client, job.data.userId, {
      exportId: job.data.exportId,
      purpose: "api",
    });
    return client;
  };
  const report = (patch: Partial<Parameters<PipelineContext["publish"]>[1]>) =>
    ctx.publish(job.data.exportId, {
      exportId: job.data.exportId,
      userId: job.data.userId,
      phase: job.data.phase,
      ...(job.data.archiveJobId ? { archiveJobId: job.data.archiveJobId } : {}),
      ...patch,
    });

  for (;;) {
    const data = job.data;
    switch (data.phase) {
      case "initiate": {
        const c = await api();
        const started = await c.initiateArchive({
          resources: data.resources,
          ...(data.startTime ? { startTime: data.startTime } : {}),
          ...(data.endTime ? { endTime: data.endTime } : {}),
          // A repeat after a crash, or an identical export already running, answers 409
          // ALREADY_EXISTS with the running job: take it over instead of failing.
          reuseExisting: true,
          ...call,
        });
        await save(job, {
          phase: "poll",
          archiveJobId: started.archiveJobId,
          accessType: started.accessType,
          reusedJob: started.reused,
          poller: firstSavedExport(started.archiveJobId, ctx.poll, ctx.clock.now()),
          transientFailures: 0,
        });
        await report({ state: "IN_PROGRESS", checks: 0 });
        break;
      }
      case "poll": {
        if (!data.poller) throw new FinalFailure(new Error("export job has no poller state"));
        // BullMQ's delay said when: the round checks at once, whatever the clock says.
        const saved = parseSavedExport(data.poller, "poller");
        const now = () => ctx.clock.now();
        const round = await runExportRound(await api(), saved, now, signal, ctx.poll);
        const state = round.state?.state;
        await save(job, {
          phase: round.done ? "download" : "poll",
          poller: round.saved,
          archiveJobId: round.saved.jobId,
          ...(state !== undefined ? { transientFailures: 0 } : {}),
        });
        await report({
          ...(state ? { state } : {}),
          checks: round.saved.checks,
          ...(round.done ? {} : { nextCheckAt: round.saved.nextCheckAt }),
          ...(round.retriedFrom ? { retriedFrom: round.retriedFrom } : {}),
        });
        if (!round.done) {
          return delayUntil(ctx, job, token, new Date(round.saved.nextCheckAt), "check");
        }
        break;
      }
      case "download": {
        const archiveJobId = data.archiveJobId ?? "";
        const childId = downloadJobId(data.exportId, archiveJobId);
        const childKey = `${ctx.prefix}:${ctx.names.downloads}:${childId}`;
        const stored = (await job.getChildrenValues())[childKey];
        if (stored) {
          await save(job, { phase: data.resetAuthorization ? "reset" : "done", files: stored });
          break;
        }
        const failed = (await job.getIgnoredChildrenFailures())[childKey];
        if (failed !== undefined) {
          const child = await ctx.downloadsQueue.getJob(childId);
          const error = child?.data.error;
          throw new FinalFailure(error ? reviveExportError(error) : new Error(failed));
        }
        if (!(await ctx.downloadsQueue.getJob(childId))) {
          await ctx.downloadsQueue.add(
            "download",
            { version: 1, exportId: data.exportId, userId: data.userId, archiveJobId },
            {
              jobId: childId,
              parent: { id: job.id ?? data.exportId, queue: job.queueQualifiedName },
              ignoreDependencyOnFailure: true,
              // Kept as long as the export itself (the queue's keepCompleted / keepFailed).
              removeOnComplete: job.opts.removeOnComplete,
              removeOnFail: job.opts.removeOnFail,
              attempts: ctx.downloadAttempts,
              backoff: { type: "dataportability" },
            },
          );
        }
        await report({ state: "COMPLETE" });
        if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
        break;
      }
      case "reset": {
        const decision = await ctx.coordinator.settle(data.userId, data.exportId, "stored");
        let outcome: ResetOutcome = decision === "reset" ? "done" : decision;
        if (decision === "reset") {
          const repeat = data.resetStarted === true;
          if (!repeat) await save(job, { resetStarted: true });
          try {
            await (await api()).resetAuthorization(call);
          } catch (error) {
            // A reset that went through before a crash revoked the token: 401 now means done.
            const revoked = error instanceof PortabilityApiError && error.httpStatus === 401;
            if (!(repeat && revoked)) throw error;
            outcome = "done";
          }
        }
        await save(job, { phase: "done", reset: outcome });
        break;
      }
      case "done": {
        const files = data.files ?? [];
        return {
          exportId: data.exportId,
          userId: data.userId,
          resources: data.resources,
          archiveJobId: data.archiveJobId ?? "",
          jobIds: data.poller?.jobIds ?? (data.archiveJobId ? [data.archiveJobId] : []),
          accessType: data.accessType ?? "UNSPECIFIED",
          files,
          bytes: files.reduce((sum, file) => sum + file.size, 0),
          reset: data.reset ?? "not-requested",
          completedAt: new Date(ctx.clock.now()).toISOString(),
        };
      }
      default:
        throw new FinalFailure(new Error(`unknown export phase ${JSON.stringify(data.phase)}`));
    }
  }
}

const isControlFlow = (error: unknown) =>
  error instanceof DelayedError ||
  error instanceof WaitingChildrenError ||
  error instanceof RateLimitError ||
  error instanceof UnrecoverableError;

async function handleFailure(
  ctx: PipelineContext,
  job: ExportJob,
  token: string,
  error: unknown,
  signal: AbortSignal | undefined,
): Promise<never> {
  if (isControlFlow(error)) throw error;
  if (error instanceof FinalFailure) return deadLetter(ctx, job, error.cause);
  if (signal?.aborted) {
    // Shutting down: hand the job back at once instead of waiting for stall detection.
    await job.moveToDelayed(Date.now(), token);
    throw new DelayedError();
  }
  const failure = classifyFailure(error);
  if (failure.kind === "permanent") return deadLetter(ctx, job, error);
  const now = ctx.clock.now();
  if (failure.kind === "not-before") {
    if (failure.at.getTime() - now > MAX_NOT_BEFORE_MS) return deadLetter(ctx, job, error);
    return delayUntil(ctx, job, token, failure.at, "not-before");
  }
  const failures = job.data.transientFailures + 1;
  const max = ctx.backoff.maxFailures ?? 10;
  if (failures >= max) {
    const last = serializeExportError(error);
    return deadLetter(ctx, job, new RetriesExhaustedError(failures, last));
  }
  await save(job, { transientFailures: failures });
  const at = new Date(now + backoffMs(failures, failure.waitMs, ctx.backoff));
  if (failure.kind === "rate-limit") {
    // 429 is about the Google project, so every worker of this queue waits.
    const ms = ctx.delayFor(at, {
      now: new Date(now),
      reason: "rate-limit",
      exportId: job.data.exportId,
    });
    await ctx.exportsQueue.rateLimit(Math.max(1, ms));
    throw new RateLimitError();
  }
  return delayUntil(ctx, job, token, at, "retry");
}
