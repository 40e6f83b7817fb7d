import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { redactSecrets } from "@dataportability/core";
import { downloadArchive } from "@dataportability/node";
import { DelayedError, type Processor, UnrecoverableError } from "bullmq";
import { serializeExportError } from "../errors/serialized-error.js";
import type { DownloadJobData, StoredArchiveFile } from "../export-types.js";
import { userPathSegment } from "../queue/export-id.js";
import { classifyFailure } from "./failure-policy.js";
import type { PipelineContext } from "./pipeline-context.js";
import { clientForUser } from "./token-callback.js";

/**
 * The download job ID of an export's archive job (no `:`, as BullMQ requires).
 *
 * @internal
 * @example
 * ```ts
 * downloadJobId("exp_ab12", "987"); // "exp_ab12.download.987"
 * ```
 */
export function downloadJobId(exportId: string, archiveJobId: string): string {
  return `${exportId}.download.${archiveJobId.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

/**
 * A retryable download failure as BullMQ stores it: the message without secrets, and the
 * server's suggested wait for the backoff strategy.
 *
 * @internal
 * @example
 * ```ts
 * throw new DownloadAttemptError("archive.zip: connection reset", 2_000);
 * ```
 */
export class DownloadAttemptError extends Error {
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "DownloadAttemptError";
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

/**
 * The processor of the `downloads` queue: reads fresh signed URLs with the user's token,
 * downloads every file of the archive job into `<workDir>/<exportId>` (resumable `.part`
 * files, verified against `x-goog-hash`, SHA-256 computed), hands each file to the storage
 * sink, then removes the local copies. Returns the stored files.
 *
 * @internal
 * @example
 * ```ts
 * new Worker(names.downloads, downloadProcessor(ctx), { connection });
 * ```
 */
export function downloadProcessor(
  ctx: PipelineContext,
): Processor<DownloadJobData, StoredArchiveFile[]> {
  return async (job, token, signal) => {
    const { exportId, userId, archiveJobId } = job.data;
    const folder = path.join(ctx.workDir, exportId);
    const abort = signal ?? new AbortController().signal;
    let lastReport = 0;
    try {
      const client = await clientForUser(ctx.auth, ctx.client, userId, {
        exportId,
        purpose: "download",
      });
      const result = await downloadArchive({
        ...ctx.download,
        jobId: archiveJobId,
        client,
        folder,
        sha256: true,
        signal: abort,
        clock: ctx.clock,
        onEvent: (event) => {
          ctx.onDownloadEvent?.(event, { exportId, userId, archiveJobId });
          if (event.type !== "progress") return;
          const now = Date.now();
          if (now - lastReport < ctx.progressIntervalMs) return;
          lastReport = now;
          void ctx
            .publish(exportId, {
              exportId,
              userId,
              phase: "download",
              archiveJobId,
              bytes: event.total.bytes,
              ...(event.total.totalBytes !== undefined
                ? { totalBytes: event.total.totalBytes }
                : {}),
            })
            .catch(() => {});
        },
      });
      const files: StoredArchiveFile[] = [];
      for (const [index, file] of result.files.entries()) {
        const key = `${userPathSegment(userId)}/${exportId}/${file.name}`;
        const sha256 = file.sha256 ?? "";
        const { location } = await ctx.sink.put(
          {
            key,
            userId,
            exportId,
            archiveJobId,
            index,
            fileName: file.name,
            path: file.path,
            size: file.bytes,
            sha256,
            crc32c: file.crc32c,
            ...(file.md5 ? { md5: file.md5 } : {}),
            open: () => createReadStream(file.path),
          },
          { signal: abort },
        );
        files.push({
          index,
          fileName: file.name,
          key,
          location,
          size: file.bytes,
          sha256,
          crc32c: file.crc32c,
          ...(file.md5 ? { md5: file.md5 } : {}),
        });
      }
      await rm(folder, { recursive: true, force: true });
      await ctx.publish(exportId, {
        exportId,
        userId,
        phase: "download",
        archiveJobId,
        bytes: result.bytes,
        totalBytes: result.bytes,
        filesStored: files.length,
      });
      return files;
    } catch (error) {
      if (abort.aborted) {
        // Shutting down: release the job now; its `.part` files let the next run resume.
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      }
      const failure = classifyFailure(error);
      const message = redactSecrets(error instanceof Error ? error.message : String(error), []);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (failure.kind === "permanent" || lastAttempt) {
        await job.updateData({ ...job.data, error: serializeExportError(error) });
        await rm(folder, { recursive: true, force: true });
        throw new UnrecoverableError(message);
      }
      throw new DownloadAttemptError(
        message,
        failure.kind === "not-before" ? undefined : failure.waitMs,
      );
    }
  };
}
