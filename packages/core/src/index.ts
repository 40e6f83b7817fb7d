export {
  ArchiveCancelledError,
  ArchiveFailedError,
  ArchiveJobError,
  ArchiveNotReadyError,
  WaitTimeoutError,
} from "./archive-errors.js";
export type {
  AccessType,
  AccessTypes,
  ArchiveState,
  ArchiveStateName,
  CallOptions,
  InitiateArchiveInput,
  InitiateArchiveResult,
} from "./archive-types.js";
export type { AuthOption, TokenProvider } from "./auth.js";
export type { ArchiveCheck, CheckArchiveOptions } from "./check-archive.js";
export { checkArchive } from "./check-archive.js";
export type { ClientHooks, RequestEvent, ResponseEvent, RetryEvent } from "./client-hooks.js";
export type { PortabilityClientOptions } from "./client-options.js";
export type { Clock } from "./clock.js";
export { systemClock } from "./clock.js";
export type { PortabilityClient } from "./create-portability-client.js";
export { createPortabilityClient } from "./create-portability-client.js";
export { didYouMean } from "./did-you-mean.js";
export type { ArchiveUrls, ExportArchiveInput, ExportResult } from "./export-archive.js";
export { exportArchive, refreshArchiveUrls } from "./export-archive.js";
export type { GrantedScopes } from "./granted-scopes.js";
export { parseGrantedScopes } from "./granted-scopes.js";
export { nextExportAllowedAt, nextStartTime } from "./incremental.js";
export { InvalidArgumentError } from "./invalid-argument-error.js";
export type {
  ExportNext,
  ExportObservation,
  ExportStep,
  ExportStepOptions,
} from "./next-export-step.js";
export { nextExportStep } from "./next-export-step.js";
export { parseApiError, redactSecrets } from "./parse-api-error.js";
export type {
  ArchivePoller,
  ArchiveProgress,
  PollArchiveOptions,
  SerializedPoller,
} from "./poll-archive.js";
export { pollArchive, resumeArchivePoller, waitForArchive } from "./poll-archive.js";
export type { PollSchedule } from "./poll-schedule.js";
export { defaultPollSchedule } from "./poll-schedule.js";
export type { Poller } from "./poller.js";
export type { PortabilityApiErrorInit } from "./portability-api-error.js";
export { PortabilityApiError } from "./portability-api-error.js";
export { PortabilityError } from "./portability-error.js";
export type { PortabilityMiddleware } from "./portability-middleware.js";
export type { Resource } from "./resources.js";
export { isResource, RESOURCES, SCOPE_PREFIX } from "./resources.js";
export type { RetryOptions } from "./retry-policy.js";
export type { SavedExport } from "./saved-export.js";
export { resourceFor, scopeFor, scopesFor } from "./scopes.js";
export { signedUrlExpiry } from "./signed-url.js";
export type { StartExportInput } from "./start-export.js";
export { startExport } from "./start-export.js";
export { supportsTimeFilter, TIME_FILTER_RESOURCES } from "./time-filter.js";
export type { DateInput } from "./validation.js";
export { normalizeJobId, validateResources, validateTimeRange } from "./validation.js";
