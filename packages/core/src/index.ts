export type {
  AccessType,
  AccessTypes,
  ArchiveState,
  ArchiveStateName,
  CallOptions,
  InitiateArchiveInput,
  InitiateArchiveResult,
} from "./client/archive-types.js";
export type { AuthOption, TokenProvider } from "./client/auth.js";
export type {
  ClientHooks,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
  WarningEvent,
} from "./client/client-hooks.js";
export type { PortabilityClientOptions } from "./client/client-options.js";
export type { Clock } from "./client/clock.js";
export { systemClock } from "./client/clock.js";
export type { PortabilityClient } from "./client/create-portability-client.js";
export { createPortabilityClient } from "./client/create-portability-client.js";
export type { PortabilityMiddleware } from "./client/portability-middleware.js";
export type { RetryOptions } from "./client/retry-policy.js";
export {
  ArchiveCancelledError,
  ArchiveFailedError,
  ArchiveJobError,
  ArchiveNotReadyError,
  WaitTimeoutError,
} from "./errors/archive-errors.js";
export { InvalidArgumentError } from "./errors/invalid-argument-error.js";
export { parseApiError, redactSecrets } from "./errors/parse-api-error.js";
export type {
  ApiErrorCode,
  ApiErrorReason,
  PortabilityApiErrorInit,
} from "./errors/portability-api-error.js";
export { PortabilityApiError } from "./errors/portability-api-error.js";
export { PortabilityError } from "./errors/portability-error.js";
export type { ArchiveCheck, CheckArchiveOptions } from "./export/check-archive.js";
export { checkArchive } from "./export/check-archive.js";
export type { ArchiveUrls, ExportArchiveInput, ExportResult } from "./export/export-archive.js";
export { exportArchive, refreshArchiveUrls } from "./export/export-archive.js";
export { nextExportAllowedAt, nextStartTime } from "./export/incremental.js";
export type {
  ExportNext,
  ExportObservation,
  ExportStep,
  ExportStepOptions,
} from "./export/next-export-step.js";
export { nextExportStep } from "./export/next-export-step.js";
export type {
  ArchivePoller,
  ArchiveProgress,
  PollArchiveOptions,
  SerializedPoller,
} from "./export/poll-archive.js";
export { pollArchive, resumeArchivePoller, waitForArchive } from "./export/poll-archive.js";
export type { PollSchedule } from "./export/poll-schedule.js";
export { defaultPollSchedule } from "./export/poll-schedule.js";
export type { Poller } from "./export/poller.js";
export type { SavedExport } from "./export/saved-export.js";
export { signedUrlExpiry } from "./export/signed-url.js";
export type { StartExportInput } from "./export/start-export.js";
export { startExport } from "./export/start-export.js";
export type { GrantedScopes } from "./resources/granted-scopes.js";
export { parseGrantedScopes } from "./resources/granted-scopes.js";
export type { Resource, UnknownResources } from "./resources/resources.js";
export { isResource, isResourceName, RESOURCES, SCOPE_PREFIX } from "./resources/resources.js";
export type { ScopeOptions } from "./resources/scopes.js";
export { resourceFor, scopeFor, scopesFor } from "./resources/scopes.js";
export { supportsTimeFilter, TIME_FILTER_RESOURCES } from "./resources/time-filter.js";
export { didYouMean } from "./validation/did-you-mean.js";
export type { DateInput } from "./validation/validation.js";
export { normalizeJobId, validateResources, validateTimeRange } from "./validation/validation.js";
