import { EventEmitter } from "node:events";
import { Queue, QueueEvents } from "bullmq";
import { ExportFailedError } from "../errors/export-errors.js";
import { reviveExportError } from "../errors/serialized-error.js";
import type { ExportJobData, ExportProgress, ExportResult } from "../export-types.js";
import { DEFAULT_PIPELINE_NAME, queueNames } from "../redis/queue-names.js";
import { type RedisConnectionInput, redisConnections } from "../redis/redis-connection.js";

/**
 * Options of {@link createExportEvents}.
 *
 * @example
 * ```ts
 * const options: ExportEventsOptions = { connection: "redis://127.0.0.1:6379", name: "exports-prod" };
 * ```
 */
export interface ExportEventsOptions {
  /** Where Redis is. */
  connection: RedisConnectionInput;
  /** Pipeline name; must match the workers'. Default `dataportability`. */
  name?: string;
  /** BullMQ key prefix. Default `bull`. */
  prefix?: string;
}

/**
 * A dead export, as the `dead` event reports it.
 *
 * @example
 * ```ts
 * events.on("dead", ({ exportId, userId, error }: DeadExport) => alert(userId, error.message));
 * ```
 */
export interface DeadExport {
  /** The dead export. */
  exportId: string;
  /** Unknown only when the job was removed before the event was handled. */
  userId: string | undefined;
  /** The typed error (see `reviveExportError`). */
  error: Error;
}

/**
 * The events of an export pipeline, from every worker process, delivered through Redis
 * streams (BullMQ `QueueEvents`): `progress`, `completed`, `dead`, and `error`.
 *
 * @example
 * ```ts
 * const events = createExportEvents({ connection });
 * events.on("progress", (p) => socket.to(p.userId).emit("export-progress", p));
 * events.on("completed", (r) => socket.to(r.userId).emit("export-done", r.files.length));
 * ```
 */
export interface ExportEvents {
  /** A progress report of an export (each phase, each state check, download progress). */
  on(event: "progress", listener: (progress: ExportProgress) => void): this;
  /** An export finished: its archives are stored. */
  on(event: "completed", listener: (result: ExportResult) => void): this;
  /** An export ended in the dead letters, with its typed error. */
  on(event: "dead", listener: (dead: DeadExport) => void): this;
  /** Trouble listening (Redis connection errors). Without a listener they are dropped. */
  on(event: "error", listener: (error: Error) => void): this;
  /** Removes a listener added with `on`. */
  off(
    event: "progress" | "completed" | "dead" | "error",
    listener: (...args: never[]) => void,
  ): this;
  /** Resolves once listening (events before that are not delivered). */
  waitUntilReady(): Promise<void>;
  /** Stops listening and closes the connections. */
  close(): Promise<void>;
}

const parsed = <T>(value: unknown): T =>
  (typeof value === "string" ? JSON.parse(value) : value) as T;

/**
 * Listens to a pipeline's events in any process, e.g. to push progress to a web UI.
 *
 * @example
 * ```ts
 * import { createExportEvents } from "@dataportability/bullmq";
 *
 * const events = createExportEvents({ connection: process.env.REDIS_URL! });
 * await events.waitUntilReady();
 * events.on("dead", ({ userId, error }) => console.error(userId, error.name, error.message));
 * ```
 */
export function createExportEvents(options: ExportEventsOptions): ExportEvents {
  const names = queueNames(options?.name ?? DEFAULT_PIPELINE_NAME);
  const prefix = options.prefix ?? "bull";
  const redis = redisConnections(options.connection);
  const queueEvents = new QueueEvents(names.exports, { connection: redis.open(), prefix });
  const queue = new Queue<ExportJobData, ExportResult>(names.exports, {
    connection: redis.open(),
    prefix,
  });
  const emitter = new EventEmitter();
  const fail = (error: unknown) => {
    if (emitter.listenerCount("error") > 0) emitter.emit("error", error);
  };
  queueEvents.on("error", fail);
  queueEvents.on("progress", ({ data }) => {
    if (data && typeof data === "object") emitter.emit("progress", data as ExportProgress);
  });
  queueEvents.on("completed", ({ returnvalue }) => {
    try {
      emitter.emit("completed", parsed<ExportResult>(returnvalue));
    } catch (error) {
      fail(error);
    }
  });
  queueEvents.on("failed", ({ jobId, failedReason }) => {
    void (async () => {
      const job = await queue.getJob(jobId);
      // Only a final failure is a dead export (a job retried by BullMQ comes back).
      if (job && (await job.getState()) !== "failed") return;
      const stored = job?.data.error;
      const dead: DeadExport = {
        exportId: jobId,
        userId: job?.data.userId,
        error: stored ? reviveExportError(stored) : new ExportFailedError("Error", failedReason),
      };
      emitter.emit("dead", dead);
    })().catch(fail);
  });
  const events = {
    on(event: string, listener: (...args: never[]) => void) {
      emitter.on(event, listener as (...args: unknown[]) => void);
      return events;
    },
    off(event: string, listener: (...args: never[]) => void) {
      emitter.off(event, listener as (...args: unknown[]) => void);
      return events;
    },
    async waitUntilReady() {
      await queueEvents.waitUntilReady();
    },
    async close() {
      await Promise.all([queueEvents.close(), queue.close()]);
      await redis.closeAll();
    },
  };
  return events as ExportEvents;
}
