/**
 * Rules that the other `@dataportability/*` packages share with core, so that each is
 * written once. Not for applications: this entry may change in any release.
 *
 * @packageDocumentation
 * @internal
 */
export { ARCHIVE_STATES, isTerminalState, TERMINAL_STATES } from "./client/archive-states.js";
export { isTransientError } from "./errors/is-transient-error.js";
export type { ExportRound } from "./export/check-archive.js";
export { runExportRound } from "./export/check-archive.js";
export {
  DEFAULT_MAX_WAIT_MS,
  newSavedExport,
  parseSavedExport,
  retriesFor,
} from "./export/saved-export.js";
export { isLoopbackHost, isSafeUrl, nonNegative } from "./validation/validation.js";
