import type { AccessType, ArchiveState, ArchiveStateName, Resource } from "@dataportability/core";
import type { PortabilityHookError } from "./portability-hook-error.js";

/**
 * Where an export driven by {@link useExportArchive} stands; narrow on `phase`:
 * - `idle`: nothing started (or after `reset()`).
 * - `initiating`: the initiate (or retry) request is on its way.
 * - `waiting`: the job runs; its state is polled. `error` holds the last passing failure,
 *   polling goes on.
 * - `complete`: `urls` are signed archive URLs, valid until `urlsExpireAt`.
 * - `failed`: the job FAILED; `retry()` starts a new one.
 * - `cancelled`: the job was cancelled.
 * - `error`: a request failed for good (bad input, 401/403, a 429 with `nextAllowedAt`...).
 *
 * @example
 * ```tsx
 * function Progress({ exp }: { exp: ExportArchiveState }) {
 *   switch (exp.phase) {
 *     case "waiting":
 *       return <p>Exporting… ({exp.checks} checks)</p>;
 *     case "complete":
 *       return <p>{exp.urls.length} archives, links valid until {exp.urlsExpireAt?.toLocaleString()}</p>;
 *     case "error":
 *       return <p role="alert">{exp.error.message}</p>;
 *     default:
 *       return <p>{exp.phase}</p>;
 *   }
 * }
 * ```
 */
export type ExportArchiveState =
  | { phase: "idle"; jobId: undefined }
  | {
      phase: "initiating";
      /** The job being retried, during `retry()`. */
      jobId: string | undefined;
      resources: readonly Resource[];
    }
  | {
      phase: "waiting";
      jobId: string;
      accessType: AccessType;
      /** The last state read, `undefined` before the first answer. */
      state: ArchiveStateName | undefined;
      /** Answers received so far. */
      checks: number;
      /** When the next check is due (while the tab is visible). */
      nextCheckAt: Date | undefined;
      /** True while a `cancel()` request is on its way. */
      cancelling: boolean;
      /** The last failure that did not stop polling (rate limit, network, failed cancel). */
      error: PortabilityHookError | undefined;
    }
  | {
      phase: "complete";
      jobId: string;
      accessType: AccessType;
      /** Signed URLs of the zip archives; send them no `Authorization` header. */
      urls: string[];
      /** When the first URL stops working; `refresh()` gets new ones. */
      urlsExpireAt: Date | undefined;
      exportTime: Date | undefined;
      archive: ArchiveState;
      /** Why the last `refresh()` failed (e.g. 401 once the token expired); URLs unchanged. */
      error: PortabilityHookError | undefined;
    }
  | { phase: "failed"; jobId: string; accessType: AccessType; archive: ArchiveState }
  | { phase: "cancelled"; jobId: string; accessType: AccessType; archive: ArchiveState }
  | {
      phase: "error";
      jobId: string | undefined;
      error: PortabilityHookError;
      /** For a refused time-based export: when the next one is allowed. */
      nextAllowedAt: Date | undefined;
    };

/**
 * One phase name of {@link ExportArchiveState}.
 *
 * @example
 * ```ts
 * const busy = (phase: ExportArchivePhase) => phase === "initiating" || phase === "waiting";
 * ```
 */
export type ExportArchivePhase = ExportArchiveState["phase"];

/**
 * The actions of {@link useExportArchive}. Each is safe to call in any phase; those that do
 * not apply do nothing.
 *
 * @example
 * ```tsx
 * const { start, cancel }: ExportArchiveActions = useExportArchive(resources);
 * ```
 */
export interface ExportArchiveActions {
  /** Starts an export of the hook's current resources (from any phase). */
  start(): void;
  /** Cancels the running job (phase `waiting`). */
  cancel(): void;
  /** Retries a FAILED job as a new job (phase `failed`). */
  retry(): void;
  /** Reads the job's state again now, e.g. for fresh signed URLs (phase `complete`). */
  refresh(): void;
  /** Forgets the job and returns to `idle`; the job itself is not cancelled. */
  reset(): void;
}

/**
 * What {@link useExportArchive} returns: the phase union and its actions.
 *
 * @example
 * ```ts
 * const exp: UseExportArchiveResult = useExportArchive(["myactivity.youtube"]);
 * if (exp.phase === "complete") console.log(exp.urls);
 * ```
 */
export type UseExportArchiveResult = ExportArchiveState & ExportArchiveActions;
