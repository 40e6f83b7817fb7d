import { tmpdir } from "node:os";
import path from "node:path";
import { type Clock, InvalidArgumentError, systemClock } from "@dataportability/core";
import { Queue, Worker } from "bullmq";
import type {
  DeadLetter,
  DownloadJobData,
  ExportJobData,
  ExportProgress,
  ExportResult,
  StoredArchiveFile,
} from "../export-types.js";
import { DEFAULT_PIPELINE_NAME, queueNames } from "../redis/queue-names.js";
import { type RedisConnectionInput, redisConnections } from "../redis/redis-connection.js";
import { localFolderSink } from "../storage/local-folder-sink.js";
import type { StorageSink } from "../storage/storage-sink.js";
import { DownloadAttemptError, downloadProcessor } from "./download-processor.js";
import { exportProcessor } from "./export-processor.js";
import { type BackoffOptions, backoffMs } from "./failure-policy.js";
import {
  type DelayFor,
  type DownloadEventListener,
  type DownloadSettings,
  type PipelineContext,
  realDelay,
} from "./pipeline-context.js";
import { checkPollSettings, type PollSettings } from "./poll-settings.js";
import { ResetCoordinator } from "./reset-coordinator.js";
import type { ClientSettings, TokenCallback } from "./token-callback.js";

/**
 * Options of {@link createExportWorker}.
 *
 * @example
 * ```ts
 * const options: ExportWorkerOptions = {
 *   connection: "redis://127.0.0.1:6379",
 *   auth: (userId) => tokenProviders.get(userId),
 *   sink: localFolderSink("/srv/exports"),
 *   concurrency: { exports: 50, downloads: 4 },
 *   rateLimit: { max: 10, durationMs: 1_000 },
 * };
 * ```
 */
export interface ExportWorkerOptions {
  /** Where Redis is. */
  connection: RedisConnectionInput;
  /** Pipeline name: the queues are `<name>-exports`, `<name>-downloads`, `<name>-dead`. Default `dataportability`. */
  name?: string;
  /** BullMQ key prefix. Default `bull`. */
  prefix?: string;
  /** Returns a user's token (or token provider) when a worker needs one. */
  auth: TokenCallback;
  /** Client settings for every user (base URL, fetch, retries, timeouts, hooks, clock). */
  client?: ClientSettings;
  /** Where archives go. Default `localFolderSink("./exports")`. */
  sink?: StorageSink;
  /** Local folder for downloads in progress (`.part` files). Default `<tmpdir>/dataportability-bullmq`. Workers sharing it resume each other's downloads. */
  workDir?: string;
  /** Jobs run at once by this process. Default 20 export steps and 2 downloads. */
  concurrency?: {
    /** Export steps at once (each one or two API calls). Default 20. */
    exports?: number;
    /** Downloads at once. Default 2. */
    downloads?: number;
  };
  /**
   * The Google project's request budget for the pipeline: at most `max` export steps (each
   * one or two API calls) per `durationMs`, across every worker (BullMQ's global limiter).
   */
  rateLimit?: {
    /** Export steps allowed per period. */
    max: number;
    /** The period, in milliseconds. */
    durationMs: number;
  };
  /** Spacing and limits of state checks, and retries of FAILED archive jobs. */
  poll?: PollSettings;
  /** Backoff after transient failures (429, 5xx, network, token callback errors). */
  backoff?: BackoffOptions;
  /** Maps each wake-up time onto a real BullMQ delay. Default: wait until that time. */
  delayFor?: DelayFor;
  /** Download settings, plus `attempts` (BullMQ tries of a download job; default 5). */
  download?: DownloadSettings & {
    /** BullMQ tries of a download job before the export is dead-lettered. Default 5. */
    attempts?: number;
  };
  /** Which queues this process works on. Default both. */
  queues?: readonly ("exports" | "downloads")[];
  /** BullMQ job lock; a dead worker's jobs are taken over after it expires. Default 30 000 ms. */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for. Default 30 000 ms. */
  stalledIntervalMs?: number;
  /** Stalls (worker deaths) a job survives before it fails. Default 5. */
  maxStalledCount?: number;
  /** Least time between two download progress reports of one export. Default 1 000 ms. */
  progressIntervalMs?: number;
  /** Time source of schedules and backoff. Default the client's clock, else the system clock. */
  clock?: Clock;
  /** Observes downloads (progress, retries, URL refreshes), e.g. for logs and metrics. Must not throw. */
  onDownloadEvent?: DownloadEventListener;
  /** Receives BullMQ worker errors (Redis connection trouble). Default: one line on stderr. */
  onError?: (error: Error) => void;
}

/**
 * A running export worker.
 *
 * @example
 * ```ts
 * const worker = createExportWorker({ connection, auth });
 * process.once("SIGTERM", () => worker.close({ timeoutMs: 20_000 }));
 * ```
 */
export interface ExportWorker {
  /** The BullMQ workers (for `error`, `failed`, `stalled` events and metrics). */
  readonly workers: {
    /** The worker of the `exports` queue, unless `queues` left it out. */
    exports?: Worker<ExportJobData, ExportResult>;
    /** The worker of the `downloads` queue, unless `queues` left it out. */
    downloads?: Worker<DownloadJobData, StoredArchiveFile[]>;
  };
  /** Resolves once every BullMQ worker is connected. */
  waitUntilReady(): Promise<void>;
  /**
   * Graceful shutdown: takes no new jobs and lets running ones finish. After `timeoutMs`
   * (default 30 000) running downloads are aborted and handed back to the queue at once
   * (their `.part` files stay in `workDir` for a resume); then connections close.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

const positive = (field: string, value: number | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(field, `${value} is not a positive integer`, "an integer >= 1");
  }
  return value;
};

/**
 * Starts the workers of an export pipeline in this process. Run as many processes as you
 * like: they share the queues in Redis, take over the jobs of a worker that died, and resume
 * every export after a restart. Tokens come from `auth` at each step and are never stored.
 *
 * @throws {InvalidArgumentError} for bad options, before connecting.
 * @example
 * ```ts
 * import { createExportWorker, localFolderSink } from "@dataportability/bullmq";
 *
 * const worker = createExportWorker({
 *   connection: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
 *   auth: async (userId) => (await db.tokens.find(userId))?.accessToken,
 *   sink: localFolderSink("/srv/exports"),
 *   rateLimit: { max: 20, durationMs: 1_000 },
 * });
 * worker.workers.exports?.on("error", (error) => console.error(error));
 * process.once("SIGTERM", () => void worker.close());
 * ```
 */
export function createExportWorker(options: ExportWorkerOptions): ExportWorker {
  if (typeof options?.auth !== "function") {
    throw new InvalidArgumentError(
      "auth",
      "missing",
      "a function (userId, context) returning the user's token or token provider",
    );
  }
  const names = queueNames(options.name ?? DEFAULT_PIPELINE_NAME);
  const prefix = options.prefix ?? "bull";
  const roles = new Set(options.queues ?? ["exports", "downloads"]);
  const exportConcurrency = positive("concurrency.exports", options.concurrency?.exports, 20);
  const downloadConcurrency = positive("concurrency.downloads", options.concurrency?.downloads, 2);
  const downloadAttempts = positive("download.attempts", options.download?.attempts, 5);
  const lockDuration = positive("lockDurationMs", options.lockDurationMs, 30_000);
  const stalledInterval = positive("stalledIntervalMs", options.stalledIntervalMs, 30_000);
  const maxStalledCount = positive("maxStalledCount", options.maxStalledCount, 5);
  if (options.rateLimit) {
    positive("rateLimit.max", options.rateLimit.max, 1);
    positive("rateLimit.durationMs", options.rateLimit.durationMs, 1);
  }
  const poll = checkPollSettings(options.poll ?? {});
  const redis = redisConnections(options.connection);
  const clock = options.clock ?? options.client?.clock ?? systemClock;
  const { attempts: _attempts, ...download } = options.download ?? {};
  const exportsQueue = new Queue<ExportJobData, ExportResult>(names.exports, {
    connection: redis.open(),
    prefix,
  });
  const ctx: PipelineContext = {
    names,
    prefix,
    exportsQueue,
    downloadsQueue: new Queue<DownloadJobData, StoredArchiveFile[]>(names.downloads, {
      connection: redis.open(),
      prefix,
    }),
    deadQueue: new Queue<DeadLetter>(names.dead, { connection: redis.open(), prefix }),
    coordinator: new ResetCoordinator(redis.open(), `${prefix}:${names.consent}`),
    auth: options.auth,
    client: { retry: { maxAttempts: 3, maxElapsedMs: 10_000 }, ...options.client, clock },
    clock,
    poll,
    backoff: options.backoff ?? {},
    delayFor: options.delayFor ?? realDelay,
    sink: options.sink ?? localFolderSink(path.resolve("exports")),
    workDir: path.resolve(options.workDir ?? path.join(tmpdir(), "dataportability-bullmq")),
    download,
    downloadAttempts,
    progressIntervalMs: options.progressIntervalMs ?? 1_000,
    onDownloadEvent: options.onDownloadEvent,
    async publish(exportId, progress) {
      const report: ExportProgress = { ...progress, at: new Date(clock.now()).toISOString() };
      try {
        await exportsQueue.updateJobProgress(exportId, report);
      } catch {
        // The export job may be gone (removed by the app); progress is best effort.
      }
    },
  };
  const common = { prefix, lockDuration, stalledInterval, maxStalledCount };
  const workers: ExportWorker["workers"] = {};
  if (roles.has("exports")) {
    workers.exports = new Worker(names.exports, exportProcessor(ctx), {
      ...common,
      connection: redis.open(),
      concurrency: exportConcurrency,
      ...(options.rateLimit
        ? { limiter: { max: options.rateLimit.max, duration: options.rateLimit.durationMs } }
        : {}),
    });
  }
  if (roles.has("downloads")) {
    workers.downloads = new Worker(names.downloads, downloadProcessor(ctx), {
      ...common,
      connection: redis.open(),
      concurrency: downloadConcurrency,
      settings: {
        backoffStrategy: (attemptsMade, _type, error, job) => {
          const retryAfterMs =
            error instanceof DownloadAttemptError ? error.retryAfterMs : undefined;
          const now = clock.now();
          const at = new Date(now + backoffMs(attemptsMade, retryAfterMs, ctx.backoff));
          const exportId = (job?.data as DownloadJobData | undefined)?.exportId ?? "";
          return Math.max(0, ctx.delayFor(at, { now: new Date(now), reason: "retry", exportId }));
        },
      },
    });
  }
  // Without a listener, a Redis outage would crash the process with an unhandled 'error'.
  const onError =
    options.onError ??
    ((error: Error) => console.error(`[@dataportability/bullmq] ${error.message}`));
  for (const worker of Object.values(workers)) worker.on("error", onError);
  return {
    workers,
    async waitUntilReady() {
      await Promise.all(Object.values(workers).map((worker) => worker.waitUntilReady()));
    },
    async close({ timeoutMs = 30_000 } = {}) {
      const all = Object.values(workers);
      const timer = setTimeout(() => {
        for (const worker of all) worker.cancelAllJobs("shutdown");
      }, timeoutMs);
      try {
        await Promise.all(all.map((worker) => worker.close()));
      } finally {
        clearTimeout(timer);
      }
      await Promise.all([exportsQueue.close(), ctx.downloadsQueue.close(), ctx.deadQueue.close()]);
      await redis.closeAll();
    },
  };
}
