import type { ArchiveStateName } from "./archive-types.js";

/**
 * @internal Every archive state this version knows, in the API's order.
 * @example
 * ```ts
 * ARCHIVE_STATES.includes(answer.state); // false for a state added after this release
 * ```
 */
export const ARCHIVE_STATES: readonly ArchiveStateName[] = [
  "STATE_UNSPECIFIED",
  "IN_PROGRESS",
  "COMPLETE",
  "FAILED",
  "CANCELLED",
];

/**
 * @internal The states a job never leaves.
 * @example
 * ```ts
 * TERMINAL_STATES; // ["COMPLETE", "FAILED", "CANCELLED"]
 * ```
 */
export const TERMINAL_STATES: readonly ArchiveStateName[] = ["COMPLETE", "FAILED", "CANCELLED"];

/**
 * @internal Whether an archive job has reached a state it never leaves (COMPLETE, FAILED,
 * CANCELLED). A FAILED job can still be retried, as a new job.
 * @example
 * ```ts
 * isTerminalState("IN_PROGRESS"); // false
 * ```
 */
export const isTerminalState = (state: ArchiveStateName | undefined): boolean =>
  TERMINAL_STATES.includes(state!);
