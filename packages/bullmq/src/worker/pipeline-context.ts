import type { Clock } from "@dataportability/core";
import type { DownloadArchiveOptions, DownloadEvent } from "@dataportability/node";
import type { Queue } from "bullmq";
import type {
  DeadLetter,
  DownloadJobData,
  ExportJobData,
  ExportProgress,
  ExportResult,
  StoredArchiveFile,
} from "../export-types.js";
import type { QueueNames } from "../redis/queue-names.js";
import type { StorageSink } from "../storage/storage-sink.js";
import type { BackoffOptions } from "./failure-policy.js";
import type { PollSettings } from "./poll-settings.js";
import type { ResetCoordinator } from "./reset-coordinator.js";
import type { ClientSettings, TokenCallback } from "./token-callback.js";

/**
 * Why a job waits: the next state check, a retry after a transient failure, a rate limit
 * (the whole queue waits), or the next allowed time of a time-based export.
 *
 * @example
 * ```ts
 * const reason: DelayReason = "check";
 * ```
 */
export type DelayReason = "check" | "retry" | "rate-limit" | "not-before";

/**
 * Maps the time a job should run again to a real delay in milliseconds for BullMQ. The
 * default is the time left (`at - now`). Tests and demos on a virtual clock map hours of
 * schedule onto milliseconds, e.g. `() => 20`.
 *
 * @example
 * ```ts
 * const fast: DelayFor = (at, { now, reason }) =>
 *   reason === "check" ? 20 : Math.min(1_000, at.getTime() - now.getTime());
 * ```
 */
export type DelayFor = (
  at: Date,
  context: { now: Date; reason: DelayReason; exportId: string },
) => number;

/**
 * The default {@link DelayFor}: wait until `at`.
 *
 * @example
 * ```ts
 * realDelay(new Date(Date.now() + 60_000), { now: new Date(), reason: "check", exportId }); // ≈ 60 000
 * ```
 */
export const realDelay: DelayFor = (at, { now }) => Math.max(0, at.getTime() - now.getTime());

/**
 * Download settings passed on to `downloadArchive` of `@dataportability/node`. Archives of
 * 64 MiB and more are fetched in 4 parallel slices unless `slices` says otherwise (1: one
 * stream).
 *
 * @example
 * ```ts
 * const download: DownloadSettings = { concurrency: 2, slices: 4, retries: 5, idleTimeoutMs: 30_000 };
 * ```
 */
export type DownloadSettings = Pick<
  DownloadArchiveOptions,
  | "concurrency"
  | "slices"
  | "sliceThresholdBytes"
  | "retries"
  | "retryDelayMs"
  | "expiryMarginMs"
  | "idleTimeoutMs"
  | "progressIntervalMs"
  | "userAgent"
>;

/**
 * Receives the download events of `@dataportability/node` (file start, progress, retry, URL
 * refresh, file complete; URLs without their query), with the export they belong to.
 *
 * @example
 * ```ts
 * const onDownloadEvent: DownloadEventListener = (event, { exportId }) => {
 *   if (event.type === "retry") log.warn({ exportId, reason: event.reason }, "download retry");
 * };
 * ```
 */
export type DownloadEventListener = (
  event: DownloadEvent,
  context: { exportId: string; userId: string; archiveJobId: string },
) => void;

/**
 * Everything a worker's processors share.
 *
 * @internal
 * @example
 * ```ts
 * const processor = exportProcessor(ctx);
 * ```
 */
export interface PipelineContext {
  names: QueueNames;
  prefix: string;
  exportsQueue: Queue<ExportJobData, ExportResult>;
  downloadsQueue: Queue<DownloadJobData, StoredArchiveFile[]>;
  deadQueue: Queue<DeadLetter>;
  coordinator: ResetCoordinator;
  auth: TokenCallback;
  client: ClientSettings;
  clock: Clock;
  poll: PollSettings;
  backoff: BackoffOptions;
  delayFor: DelayFor;
  sink: StorageSink;
  workDir: string;
  download: DownloadSettings;
  downloadAttempts: number;
  progressIntervalMs: number;
  onDownloadEvent: DownloadEventListener | undefined;
  publish(exportId: string, progress: Omit<ExportProgress, "at">): Promise<void>;
}
