/**
 * Rules that the other `@dataportability/*` packages share with core, so that each is
 * written once. Not for applications: this entry may change in any release.
 *
 * @packageDocumentation
 * @internal
 */
export { ARCHIVE_STATES, isTerminalState, TERMINAL_STATES } from "./archive-states.js";
export type { ExportRound } from "./check-archive.js";
export { runExportRound } from "./check-archive.js";
export { isTransientError } from "./is-transient-error.js";
export {
  DEFAULT_MAX_WAIT_MS,
  newSavedExport,
  parseSavedExport,
  retriesFor,
} from "./saved-export.js";
export { isLoopbackHost, isSafeUrl, nonNegative } from "./validation.js";
