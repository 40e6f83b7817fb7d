export type { DeadExport, ExportEvents, ExportEventsOptions } from "./create-export-events.js";
export { createExportEvents } from "./create-export-events.js";
export type { ExportQueue, ExportQueueOptions } from "./create-export-queue.js";
export { createExportQueue } from "./create-export-queue.js";
export type { ExportWorker, ExportWorkerOptions } from "./create-export-worker.js";
export { createExportWorker } from "./create-export-worker.js";
export {
  ExportFailedError,
  ExportNotDeadError,
  ExportNotFoundError,
  RetriesExhaustedError,
  TokenUnavailableError,
} from "./export-errors.js";
export { exportIdFor } from "./export-id.js";
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
export type { BackoffOptions } from "./failure-policy.js";
export type { LocalFolderSinkOptions } from "./local-folder-sink.js";
export { localFolderSink } from "./local-folder-sink.js";
export type {
  DelayFor,
  DelayReason,
  DownloadEventListener,
  DownloadSettings,
} from "./pipeline-context.js";
export { realDelay } from "./pipeline-context.js";
export type { PollSettings } from "./poll-settings.js";
export type { QueueNames } from "./queue-names.js";
export { DEFAULT_PIPELINE_NAME, queueNames } from "./queue-names.js";
export type { RedisConnectionInput } from "./redis-connection.js";
export type { RetryExportOptions } from "./retry-export.js";
export { reviveExportError, serializeExportError } from "./serialized-error.js";
export type { ArchiveFileToStore, StorageSink } from "./storage-sink.js";
export type { ClientSettings, TokenCallback, TokenPurpose } from "./token-callback.js";
