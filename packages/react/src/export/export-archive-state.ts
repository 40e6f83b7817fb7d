import type { AccessType, ArchiveState, ArchiveStateName, Resource } from "@dataportability/core";
import type { PortabilityHookError } from "../portability-hook-error.js";

/** Fields every phase with a known job has. */
interface JobPhase {
  /** The archive job's ID (the new one after a retry). */
  jobId: string;
  /** How the job's access was granted; `UNSPECIFIED` for a resumed or reused job. */
  accessType: AccessType;
}

/**
 * Nothing started yet, or `reset()` was called.
 *
 * @example
 * ```tsx
 * if (exp.phase === "idle") return <button onClick={exp.start}>Export</button>;
 * ```
 */
export interface ExportArchiveIdle {
  /** Always `"idle"`. */
  phase: "idle";
  /** No job yet. */
  jobId: undefined;
}

/**
 * The initiate request (or, after `retry()`, the retry request) is on its way.
 *
 * @example
 * ```tsx
 * if (exp.phase === "initiating") return <p>Starting an export of {exp.resources.length} groups…</p>;
 * ```
 */
export interface ExportArchiveInitiating {
  /** Always `"initiating"`. */
  phase: "initiating";
  /** The failed job being retried, during `retry()`; otherwise `undefined`. */
  jobId: string | undefined;
  /** The resources being exported. */
  resources: readonly Resource[];
}

/**
 * The job runs and its state is polled.
 *
 * @example
 * ```tsx
 * if (exp.phase === "waiting") return <p>{exp.checks} checks; next at {exp.nextCheckAt?.toLocaleTimeString()}</p>;
 * ```
 */
export interface ExportArchiveWaiting extends JobPhase {
  /** Always `"waiting"`. */
  phase: "waiting";
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

/**
 * The job is COMPLETE: its archives can be downloaded until `urlsExpireAt`.
 *
 * @example
 * ```tsx
 * if (exp.phase === "complete") return exp.urls.map((url) => <a key={url} href={url}>Download</a>);
 * ```
 */
export interface ExportArchiveComplete extends JobPhase {
  /** Always `"complete"`. */
  phase: "complete";
  /** Signed URLs of the zip archives; send them no `Authorization` header. */
  urls: string[];
  /** When the first URL stops working; `refresh()` gets new ones. */
  urlsExpireAt: Date | undefined;
  /** End of the exported range: where the next incremental export starts. */
  exportTime: Date | undefined;
  /** The state as read from the API. */
  archive: ArchiveState;
  /** Why the last `refresh()` failed (e.g. 401 once the token expired); URLs unchanged. */
  error: PortabilityHookError | undefined;
}

/**
 * The job FAILED; `retry()` starts a new job (Google allows 3 retries per consent).
 *
 * @example
 * ```tsx
 * if (exp.phase === "failed") return <button onClick={exp.retry}>Retry</button>;
 * ```
 */
export interface ExportArchiveFailed extends JobPhase {
  /** Always `"failed"`. */
  phase: "failed";
  /** The state as read from the API. */
  archive: ArchiveState;
}

/**
 * The job was cancelled.
 *
 * @example
 * ```tsx
 * if (exp.phase === "cancelled") return <button onClick={exp.start}>Start again</button>;
 * ```
 */
export interface ExportArchiveCancelled extends JobPhase {
  /** Always `"cancelled"`. */
  phase: "cancelled";
  /** The state as read from the API. */
  archive: ArchiveState;
}

/**
 * A request failed for good: bad input, 401/403, a refused export (429 with `nextAllowedAt`),
 * a failed retry, or a job state that cannot be read.
 *
 * @example
 * ```tsx
 * if (exp.phase === "error") return <p role="alert">{exp.error.message}</p>;
 * ```
 */
export interface ExportArchiveError {
  /** Always `"error"`. */
  phase: "error";
  /** The job concerned, if one was started. */
  jobId: string | undefined;
  /** Core's typed error, or the runtime's network error. */
  error: PortabilityHookError;
  /** For a refused time-based export: when the next one is allowed. */
  nextAllowedAt: Date | undefined;
}

/**
 * Where an export driven by {@link useExportArchive} stands; narrow on `phase`:
 * `idle`, `initiating`, `waiting`, `complete` (URLs and their expiry), `failed`,
 * `cancelled`, `error`.
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
  | ExportArchiveIdle
  | ExportArchiveInitiating
  | ExportArchiveWaiting
  | ExportArchiveComplete
  | ExportArchiveFailed
  | ExportArchiveCancelled
  | ExportArchiveError;

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
