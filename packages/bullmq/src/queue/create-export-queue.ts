import { InvalidArgumentError, validateResources, validateTimeRange } from "@dataportability/core";
import { type KeepJobs, Queue } from "bullmq";
import { ExportFailedError } from "../errors/export-errors.js";
import { reviveExportError } from "../errors/serialized-error.js";
import type {
  DeadLetter,
  DownloadJobData,
  ExportJobData,
  ExportPhase,
  ExportProgress,
  ExportRequest,
  ExportResult,
  ExportStatus,
  StoredArchiveFile,
} from "../export-types.js";
import { DEFAULT_PIPELINE_NAME, type QueueNames, queueNames } from "../redis/queue-names.js";
import { type RedisConnectionInput, redisConnections } from "../redis/redis-connection.js";
import { ResetCoordinator } from "../worker/reset-coordinator.js";
import { exportIdFor, validateExportId, validateUserId } from "./export-id.js";
import { type RetryExportOptions, retryDeadExport } from "./retry-export.js";

/**
 * Options of {@link createExportQueue}.
 *
 * @example
 * ```ts
 * const options: ExportQueueOptions = {
 *   connection: "redis://127.0.0.1:6379",
 *   name: "exports-prod",
 *   keepCompleted: { age: 14 * 86_400 },
 * };
 * ```
 */
export interface ExportQueueOptions {
  /** Where Redis is. */
  connection: RedisConnectionInput;
  /** Pipeline name; must match the workers'. Default `dataportability`. */
  name?: string;
  /** BullMQ key prefix; must match the workers'. Default `bull`. */
  prefix?: string;
  /**
   * How long finished exports, and their download jobs, stay in Redis. Default 14 days (the
   * archives' lifetime).
   */
  keepCompleted?: KeepJobs;
  /** How long dead exports, and their failed download jobs, stay in Redis. Default 30 days. */
  keepFailed?: KeepJobs;
}

/**
 * The producer side of a pipeline: add exports, look them up, read the dead letters, and run
 * dead exports again.
 *
 * @example
 * ```ts
 * const queue = createExportQueue({ connection });
 * const { exportId } = await queue.addExport({ userId: "u1", resources: ["myactivity.youtube"] });
 * ```
 */
export interface ExportQueue {
  /** The names of the pipeline's queues. */
  readonly names: QueueNames;
  /** The BullMQ queue of export jobs, for dashboards and advanced use. */
  readonly exportsQueue: Queue<ExportJobData, ExportResult>;
  /**
   * Queues an export. Idempotent: when a job with the export's ID exists (in any state), it
   * is left alone and `added` is false. Input is checked before anything reaches Redis.
   */
  addExport(request: ExportRequest): Promise<{
    /** The export's ID: the one given, or {@link exportIdFor} the request. */
    exportId: string;
    /** False when a job with this ID already existed. */
    added: boolean;
  }>;
  /** Where an export is; `undefined` when no job has this ID (never added, or removed). */
  getExport(exportId: string): Promise<ExportStatus | undefined>;
  /** Dead letters, oldest first. */
  deadLetters(start?: number, end?: number): Promise<DeadLetter[]>;
  /**
   * Runs a dead export again, once its cause is fixed (the user signed in again, storage is
   * back, a new consent...). It clears the stored error, removes the dead letter, counts the
   * export again in its user's `resetAuthorization` bookkeeping (so the reset waits for it),
   * and moves the BullMQ job back to the waiting list with `Job.retry` (a failed download job
   * too), so a worker resumes it. It resumes where it died unless the archive job cannot
   * deliver any more, or starts from `initiate` with `{ from: "start" }`: see
   * {@link RetryExportOptions}. A progress report with `retried: true` and the phase it
   * resumes from tells UIs. Only a dead export can be retried.
   *
   * @throws {ExportNotFoundError} when no job has this ID.
   * @throws {ExportNotDeadError} when the export is running or completed; `status` names its
   *   state. Both are thrown before anything in Redis changes.
   * @throws {InvalidArgumentError} for a bad export ID or option, before Redis is asked.
   * @example
   * ```ts
   * const { phase } = await queue.retryExport(exportId);
   * console.log(`export ${exportId} runs again from ${phase}`);
   * ```
   */
  retryExport(
    exportId: string,
    options?: RetryExportOptions,
  ): Promise<{
    /** The export's ID. */
    exportId: string;
    /** The phase it runs again from. */
    phase: ExportPhase;
  }>;
  /** Closes the connections. */
  close(): Promise<void>;
}

/**
 * Connects to a pipeline's queues to add exports and follow them. Use it in the web app;
 * run {@link createExportWorker} elsewhere.
 *
 * @example
 * ```ts
 * import { createExportQueue } from "@dataportability/bullmq";
 *
 * const queue = createExportQueue({ connection: process.env.REDIS_URL! });
 * await queue.addExport({
 *   userId: session.userId,
 *   resources: ["myactivity.youtube", "myactivity.search"],
 *   resetAuthorization: true,
 * });
 * ```
 */
export function createExportQueue(options: ExportQueueOptions): ExportQueue {
  const names = queueNames(options?.name ?? DEFAULT_PIPELINE_NAME);
  const prefix = options.prefix ?? "bull";
  const redis = redisConnections(options.connection);
  const exportsQueue = new Queue<ExportJobData, ExportResult>(names.exports, {
    connection: redis.open(),
    prefix,
  });
  const deadQueue = new Queue<DeadLetter>(names.dead, { connection: redis.open(), prefix });
  const coordinator = new ResetCoordinator(redis.open(), `${prefix}:${names.consent}`);
  let downloadsQueue: Queue<DownloadJobData, StoredArchiveFile[]> | undefined;
  const keepCompleted = options.keepCompleted ?? { age: 14 * 86_400 };
  const keepFailed = options.keepFailed ?? { age: 30 * 86_400 };

  return {
    names,
    exportsQueue,
    async addExport(request) {
      if (!request || typeof request !== "object") {
        throw new InvalidArgumentError("request", "missing", "{ userId, resources, ... }");
      }
      const userId = validateUserId(request.userId);
      const resources = validateResources(request.resources);
      const { startTime, endTime } = validateTimeRange(request.startTime, request.endTime);
      const exportId =
        request.exportId !== undefined
          ? validateExportId(request.exportId)
          : exportIdFor({ userId, resources, startTime, endTime });
      if (await exportsQueue.getJob(exportId)) return { exportId, added: false };
      const resetAuthorization = request.resetAuthorization === true;
      // Registered before the job exists, so an earlier export of this user cannot reset first.
      if (resetAuthorization) await coordinator.register(userId, exportId);
      const data: ExportJobData = {
        version: 1,
        exportId,
        userId,
        resources,
        ...(startTime ? { startTime: startTime.toISOString() } : {}),
        ...(endTime ? { endTime: endTime.toISOString() } : {}),
        resetAuthorization,
        phase: "initiate",
        transientFailures: 0,
        createdAt: new Date().toISOString(),
      };
      try {
        await exportsQueue.add("export", data, {
          jobId: exportId,
          removeOnComplete: keepCompleted,
          removeOnFail: keepFailed,
          // Only unexpected errors (a Redis hiccup mid-step) use these; API failures are handled
          // by the pipeline's own backoff and dead letters.
          attempts: 5,
          backoff: { type: "exponential", delay: 30_000 },
        });
      } catch (error) {
        if (resetAuthorization) await coordinator.unregister(userId, exportId).catch(() => {});
        throw error;
      }
      return { exportId, added: true };
    },
    async getExport(exportId) {
      const job = await exportsQueue.getJob(exportId);
      if (!job) return undefined;
      const state = await job.getState();
      const data = job.data;
      const progress =
        job.progress && typeof job.progress === "object"
          ? (job.progress as ExportProgress)
          : undefined;
      const status: ExportStatus["status"] = state === "failed" ? "dead" : state;
      const error = data.error
        ? reviveExportError(data.error)
        : state === "failed"
          ? new ExportFailedError("Error", job.failedReason ?? "failed")
          : undefined;
      return {
        exportId: data.exportId,
        userId: data.userId,
        resources: data.resources,
        status,
        phase: data.phase,
        ...(data.archiveJobId ? { archiveJobId: data.archiveJobId } : {}),
        ...(data.phase === "poll" && data.poller ? { nextCheckAt: data.poller.nextCheckAt } : {}),
        ...(progress ? { progress } : {}),
        ...(state === "completed" && job.returnvalue ? { result: job.returnvalue } : {}),
        ...(error ? { error } : {}),
      };
    },
    async deadLetters(start = 0, end = -1) {
      const jobs = await deadQueue.getJobs(
        ["waiting", "delayed", "completed", "failed", "active"],
        start,
        end,
        true,
      );
      return jobs.filter(Boolean).map((job) => job.data);
    },
    retryExport(exportId, retryOptions) {
      return retryDeadExport(
        {
          exportsQueue,
          deadQueue,
          coordinator,
          downloadsQueue: () =>
            (downloadsQueue ??= new Queue(names.downloads, { connection: redis.open(), prefix })),
        },
        exportId,
        retryOptions,
      );
    },
    async close() {
      await Promise.all([exportsQueue.close(), deadQueue.close(), downloadsQueue?.close()]);
      await redis.closeAll();
    },
  };
}
