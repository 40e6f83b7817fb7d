export { archiveUrlsExpireAt } from "./export/archive-urls-expire-at.js";
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
} from "./export/export-archive-state.js";
export type { UseExportArchiveOptions } from "./export/use-export-archive.js";
export { useExportArchive } from "./export/use-export-archive.js";
export type { UseCancelArchiveOptions } from "./mutations/use-cancel-archive.js";
export { useCancelArchive } from "./mutations/use-cancel-archive.js";
export type { UseInitiateArchiveOptions } from "./mutations/use-initiate-archive.js";
export { useInitiateArchive } from "./mutations/use-initiate-archive.js";
export type { UseResetAuthorizationOptions } from "./mutations/use-reset-authorization.js";
export { useResetAuthorization } from "./mutations/use-reset-authorization.js";
export type { RetryArchiveResult, UseRetryArchiveOptions } from "./mutations/use-retry-archive.js";
export { useRetryArchive } from "./mutations/use-retry-archive.js";
export type { PortabilityHookError } from "./portability-hook-error.js";
export type { DataPortabilityContextValue } from "./provider/data-portability-context.js";
export { DataPortabilityContext } from "./provider/data-portability-context.js";
export type { DataPortabilityProviderProps } from "./provider/data-portability-provider.js";
export { DataPortabilityProvider } from "./provider/data-portability-provider.js";
export { useDataPortabilityClient } from "./provider/use-data-portability-client.js";
export { accessTypeQueryOptions } from "./queries/access-type-query-options.js";
export type { ArchivePollingOptions } from "./queries/archive-polling.js";
export {
  archiveRefetchInterval,
  isTerminalArchiveState,
  isTransientPollError,
} from "./queries/archive-polling.js";
export { archiveStateQueryOptions } from "./queries/archive-state-query-options.js";
export type { AccessTypeQueryKey, ArchiveStateQueryKey } from "./queries/data-portability-keys.js";
export { dataPortabilityKeys } from "./queries/data-portability-keys.js";
export type { UseAccessTypeOptions } from "./queries/use-access-type.js";
export { useAccessType } from "./queries/use-access-type.js";
export type { UseArchiveStateOptions } from "./queries/use-archive-state.js";
export { useArchiveState } from "./queries/use-archive-state.js";
