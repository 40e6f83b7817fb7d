export { accessTypeQueryOptions } from "./access-type-query-options.js";
export type { ArchivePollingOptions } from "./archive-polling.js";
export {
  archiveRefetchInterval,
  isTerminalArchiveState,
  isTransientPollError,
} from "./archive-polling.js";
export { archiveStateQueryOptions } from "./archive-state-query-options.js";
export { archiveUrlsExpireAt } from "./archive-urls-expire-at.js";
export type { DataPortabilityContextValue } from "./data-portability-context.js";
export { DataPortabilityContext } from "./data-portability-context.js";
export type { AccessTypeQueryKey, ArchiveStateQueryKey } from "./data-portability-keys.js";
export { dataPortabilityKeys } from "./data-portability-keys.js";
export type { DataPortabilityProviderProps } from "./data-portability-provider.js";
export { DataPortabilityProvider } from "./data-portability-provider.js";
export type {
  ExportArchiveActions,
  ExportArchiveCancelled,
  ExportArchiveComplete,
  ExportArchiveError,
  ExportArchiveFailed,
  ExportArchiveIdle,
  ExportArchiveInitiating,
  ExportArchivePhase,
  ExportArchiveState,
  ExportArchiveWaiting,
  UseExportArchiveResult,
} from "./export-archive-state.js";
export type { PortabilityHookError } from "./portability-hook-error.js";
export type { UseAccessTypeOptions } from "./use-access-type.js";
export { useAccessType } from "./use-access-type.js";
export type { UseArchiveStateOptions } from "./use-archive-state.js";
export { useArchiveState } from "./use-archive-state.js";
export type { UseCancelArchiveOptions } from "./use-cancel-archive.js";
export { useCancelArchive } from "./use-cancel-archive.js";
export { useDataPortabilityClient } from "./use-data-portability-client.js";
export type { UseExportArchiveOptions } from "./use-export-archive.js";
export { useExportArchive } from "./use-export-archive.js";
export type { UseInitiateArchiveOptions } from "./use-initiate-archive.js";
export { useInitiateArchive } from "./use-initiate-archive.js";
export type { UseResetAuthorizationOptions } from "./use-reset-authorization.js";
export { useResetAuthorization } from "./use-reset-authorization.js";
export type { RetryArchiveResult, UseRetryArchiveOptions } from "./use-retry-archive.js";
export { useRetryArchive } from "./use-retry-archive.js";
