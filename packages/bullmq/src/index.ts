export {
  ExportFailedError,
  ExportNotDeadError,
  ExportNotFoundError,
  RetriesExhaustedError,
  TokenUnavailableError,
} from "./errors/export-errors.js";
export { reviveExportError, serializeExportError } from "./errors/serialized-error.js";
export type {
  DeadLetter,
  DownloadJobData,
  ExportJobData,
  ExportPhase,
  ExportProgress,
  ExportRequest,
  ExportResult,
  ExportStatus,
  ResetOutcome,
  SerializedExportError,
  StoredArchiveFile,
} from "./export-types.js";
export type {
  DeadExport,
  ExportEvents,
  ExportEventsOptions,
} from "./queue/create-export-events.js";
export { createExportEvents } from "./queue/create-export-events.js";
export type { ExportQueue, ExportQueueOptions } from "./queue/create-export-queue.js";
export { createExportQueue } from "./queue/create-export-queue.js";
export { exportIdFor } from "./queue/export-id.js";
export type { RetryExportOptions } from "./queue/retry-export.js";
export type { QueueNames } from "./redis/queue-names.js";
export { DEFAULT_PIPELINE_NAME, queueNames } from "./redis/queue-names.js";
export type { RedisConnectionInput } from "./redis/redis-connection.js";
export type { LocalFolderSinkOptions } from "./storage/local-folder-sink.js";
export { localFolderSink } from "./storage/local-folder-sink.js";
export type { ArchiveFileToStore, StorageSink } from "./storage/storage-sink.js";
export type { ExportWorker, ExportWorkerOptions } from "./worker/create-export-worker.js";
export { createExportWorker } from "./worker/create-export-worker.js";
export type { BackoffOptions } from "./worker/failure-policy.js";
export type {
  DelayFor,
  DelayReason,
  DownloadEventListener,
  DownloadSettings,
} from "./worker/pipeline-context.js";
export { realDelay } from "./worker/pipeline-context.js";
export type { PollSettings } from "./worker/poll-settings.js";
export type { ClientSettings, TokenCallback, TokenPurpose } from "./worker/token-callback.js";
