import type { Resource } from "../resources/resources.js";

/**
 * The state of an archive job.
 *
 * @example
 * ```ts
 * const done = (state: ArchiveStateName) => state === "COMPLETE";
 * ```
 */
export type ArchiveStateName =
  | "STATE_UNSPECIFIED"
  | "IN_PROGRESS"
  | "COMPLETE"
  | "FAILED"
  | "CANCELLED";

/**
 * How a token may export: once per consent, or once per 24 hours for 30 or 180 days.
 *
 * @example
 * ```ts
 * if (accessType === "TIME_BASED") scheduleNextExport();
 * ```
 */
export type AccessType = "ONE_TIME" | "TIME_BASED" | "UNSPECIFIED";

/**
 * An archive job's state, as returned by `getArchiveState`.
 *
 * @example
 * ```ts
 * const state: ArchiveState = await client.getArchiveState(jobId);
 * if (state.state === "COMPLETE") for (const url of state.urls) await download(url);
 * ```
 */
export interface ArchiveState {
  /** The archive job ID (without the `archiveJobs/` prefix). */
  jobId: string;
  /** `archiveJobs/{jobId}/portabilityArchiveState`. */
  name: string;
  /** The job's state; `STATE_UNSPECIFIED` when the API sent none. */
  state: ArchiveStateName;
  /** Signed URLs of the archive files; set only when `COMPLETE`, valid about 6 hours. */
  urls: string[];
  /** Start of the exported range, when the job was started with one. */
  startTime?: Date;
  /** End of the exported range: the requested `endTime` or the time the export was requested. */
  exportTime?: Date;
}

/**
 * What `initiateArchive` accepts.
 *
 * @example
 * ```ts
 * const input: InitiateArchiveInput = {
 *   resources: ["myactivity.youtube"],
 *   startTime: new Date("2026-01-01T00:00:00Z"),
 * };
 * ```
 */
export interface InitiateArchiveInput {
  /** The resource groups to export, e.g. `["myactivity.youtube"]`: distinct, at least one. */
  resources: readonly Resource[];
  /**
   * Start of the exported range: a Date, epoch milliseconds, or RFC 3339 with a zone
   * (`2026-01-01T00:00:00Z`). Default: the earliest available data.
   */
  startTime?: Date | string | number;
  /** End of the exported range, after `startTime`; same formats. Default: the latest data. */
  endTime?: Date | string | number;
  /**
   * Also reuse an identical job that was already running before this call (409
   * `ALREADY_EXISTS` on the first try) instead of throwing. Default `false`; after a retry of
   * this call such a job is always reused.
   */
  reuseExisting?: boolean;
  /** Aborts the call, including retry waits. */
  signal?: AbortSignal;
}

/**
 * What `initiateArchive` returns.
 *
 * @example
 * ```ts
 * const { archiveJobId, accessType, reused }: InitiateArchiveResult = await client.initiateArchive(input);
 * ```
 */
export interface InitiateArchiveResult {
  /** The ID of the started (or reused) archive job. */
  archiveJobId: string;
  /** `UNSPECIFIED` when the job was reused (the 409 does not say). */
  accessType: AccessType;
  /** True when an identical running job was returned instead of a new one. */
  reused: boolean;
}

/**
 * Which resources the token can export once, and which on a schedule.
 *
 * @example
 * ```ts
 * const { oneTimeResources, timeBasedResources }: AccessTypes = await client.checkAccessType();
 * ```
 */
export interface AccessTypes {
  /** Resources the token may export once for this consent. */
  oneTimeResources: Resource[];
  /** Resources the token may export once per 24 hours for the consent's 30 or 180 days. */
  timeBasedResources: Resource[];
}

/**
 * Options every client method accepts.
 *
 * @example
 * ```ts
 * await client.getArchiveState(jobId, { signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface CallOptions {
  /** Aborts the call, including retry waits. */
  signal?: AbortSignal;
}
