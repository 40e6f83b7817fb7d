import type {
  AccessType,
  ArchiveStateName,
  Resource,
  SerializedPoller,
} from "@dataportability/core";

/**
 * Where an export stands. An export job moves `initiate` → `poll` → `download` → `reset` →
 * `done`; a crash or restart resumes at the phase saved in Redis.
 *
 * @example
 * ```ts
 * const busy = (phase: ExportPhase) => phase !== "done";
 * ```
 */
export type ExportPhase = "initiate" | "poll" | "download" | "reset" | "done";

/**
 * What `authorization.reset` did for an export:
 * - `done`: this export was the last of its user's exports that asked for a reset, every one
 *   of them was stored, and the reset succeeded;
 * - `deferred`: other exports of the same user are still running; the last one resets;
 * - `skipped`: another export of the same user ended in the dead letters, so the tokens were
 *   left alone (the app decides);
 * - `not-requested`: the export did not ask for a reset.
 *
 * @example
 * ```ts
 * if (result.reset === "skipped") notifyUser("Some data could not be exported.");
 * ```
 */
export type ResetOutcome = "done" | "deferred" | "skipped" | "not-requested";

/**
 * One archive file that a storage sink holds.
 *
 * @example
 * ```ts
 * const file: StoredArchiveFile = {
 *   index: 0, fileName: "archive.zip", key: "user%2D1/exp_ab12/archive.zip",
 *   location: "/srv/exports/user%2D1/exp_ab12/archive.zip", size: 65536,
 *   sha256: "9f…", crc32c: "yZRlqg==",
 * };
 * ```
 */
export interface StoredArchiveFile {
  /** Position of the file among the archive job's URLs. */
  index: number;
  /** Safe file name derived from the URL path. */
  fileName: string;
  /** The key the sink stored it under. */
  key: string;
  /** Where the sink says it is (a path, an object URL without signature, ...). */
  location: string;
  /** Size in bytes. */
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** Base64 CRC32C, as the storage server announced and the download verified. */
  crc32c: string;
  /** Base64 MD5, when the storage server announced one. */
  md5?: string;
}

/**
 * An export job's data in Redis: the request, the phase, and the serialized poller. It holds
 * no access token, no refresh token and no signed URL.
 *
 * @example
 * ```ts
 * const job = await queue.exportsQueue.getJob(exportId);
 * const data: ExportJobData | undefined = job?.data;
 * console.log(data?.phase, data?.poller?.nextCheckAt);
 * ```
 */
export interface ExportJobData {
  /** Format of this data. */
  version: 1;
  /** The export's ID (its BullMQ job ID). */
  exportId: string;
  /** The user it exports for. */
  userId: string;
  /** The resources it exports. */
  resources: Resource[];
  /** ISO 8601. */
  startTime?: string;
  /** ISO 8601. */
  endTime?: string;
  /** Whether to call `authorization.reset` once stored. */
  resetAuthorization: boolean;
  /** Where the export is. */
  phase: ExportPhase;
  /** The current archive job (a new one after a retry of a FAILED job). */
  archiveJobId?: string;
  /** What initiate answered (`UNSPECIFIED` for a job taken over). */
  accessType?: AccessType;
  /** True when initiate found the same export already running (409 `ALREADY_EXISTS`). */
  reusedJob?: boolean;
  /** The poller's state; its `nextCheckAt` is when the delayed job runs again. */
  poller?: SerializedPoller;
  /** Transient failures in a row (429, 5xx, network, token callback errors). */
  transientFailures: number;
  /** The stored files, once downloaded. */
  files?: StoredArchiveFile[];
  /** Set before calling `authorization.reset`, so a repeat after a crash accepts a 401. */
  resetStarted?: boolean;
  /** What the reset phase decided. */
  reset?: ResetOutcome;
  /** The reason, once the export is in the dead letters. */
  error?: SerializedExportError;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * A download job's data in Redis (the signed URLs are read fresh at download time).
 *
 * @example
 * ```ts
 * const data: DownloadJobData = { version: 1, exportId, userId: "u1", archiveJobId: "123" };
 * ```
 */
export interface DownloadJobData {
  /** Format of this data. */
  version: 1;
  /** The export this download belongs to (its parent job). */
  exportId: string;
  /** The user whose token reads fresh signed URLs. */
  userId: string;
  /** The COMPLETE archive job to download. */
  archiveJobId: string;
  /** Set when the download gave up, for the export to dead-letter with. */
  error?: SerializedExportError;
}

/**
 * What a finished export returns (the BullMQ job's return value and the `completed` event).
 *
 * @example
 * ```ts
 * events.on("completed", (result: ExportResult) => {
 *   console.log(result.userId, result.files.map((f) => f.location), result.reset);
 * });
 * ```
 */
export interface ExportResult {
  /** The export's ID. */
  exportId: string;
  /** The user it exported for. */
  userId: string;
  /** The resources it exported. */
  resources: Resource[];
  /** The archive job that completed. */
  archiveJobId: string;
  /** Every archive job of this export, the first first (more than one after retries). */
  jobIds: string[];
  /** What initiate answered (`UNSPECIFIED` for a job taken over). */
  accessType: AccessType;
  /** The stored archive files, in the archive job's order. */
  files: StoredArchiveFile[];
  /** Total size of the files. */
  bytes: number;
  /** What happened about `authorization.reset`. */
  reset: ResetOutcome;
  /** ISO 8601. */
  completedAt: string;
}

/**
 * A progress report of one export, published as the export job's BullMQ progress (so
 * `QueueEvents` and {@link createExportEvents} deliver it to every process).
 *
 * @example
 * ```ts
 * events.on("progress", (p: ExportProgress) => {
 *   if (p.phase === "download") ui.bar(p.exportId, p.bytes ?? 0, p.totalBytes);
 *   else ui.status(p.exportId, p.state ?? p.phase);
 * });
 * ```
 */
export interface ExportProgress {
  /** The export reported on. */
  exportId: string;
  /** Its user. */
  userId: string;
  /**
   * Its phase, or `dead` once it went to the dead letters. After `dead`, a report with
   * `retried: true` says the export was queued again, from this phase.
   */
  phase: ExportPhase | "dead";
  /** Set on the report of {@link ExportQueue.retryExport}: the dead export runs again. */
  retried?: true;
  /** The current archive job, once initiated. */
  archiveJobId?: string;
  /** The archive job's last state seen. */
  state?: ArchiveStateName;
  /** State checks so far (of the current archive job). */
  checks?: number;
  /** ISO 8601: when the next state check is due. */
  nextCheckAt?: string;
  /** Set on the check that retried a FAILED archive job: the failed job's ID. */
  retriedFrom?: string;
  /** Downloaded bytes (all files). */
  bytes?: number;
  /** Expected size of all files, once the storage server announced it. */
  totalBytes?: number;
  /** Files handed to the sink, once stored. */
  filesStored?: number;
  /** ISO 8601. */
  at: string;
}

/**
 * What to export, for {@link ExportQueue.addExport}.
 *
 * @example
 * ```ts
 * const request: ExportRequest = {
 *   userId: "user-42",
 *   resources: ["myactivity.youtube", "myactivity.search"],
 *   resetAuthorization: true,
 * };
 * ```
 */
export interface ExportRequest {
  /** The app's identifier of the user; given to the token callback. Not a secret. */
  userId: string;
  /** One resource group: a single `initiate` call. */
  resources: readonly Resource[];
  /** Start of the exported time range (time-based access). */
  startTime?: Date | string | number;
  /** End of the exported time range. */
  endTime?: Date | string | number;
  /**
   * Call `authorization.reset` once every archive of this user's exports that asked for it is
   * stored. Default `false`. See {@link ResetOutcome}.
   */
  resetAuthorization?: boolean;
  /**
   * The export's ID (and BullMQ job ID). Default: {@link exportIdFor} the user, resources and
   * time range, so adding the same export twice is a no-op. Give your own to export the same
   * data again, e.g. a daily time-based export keyed by date.
   */
  exportId?: string;
}

/**
 * An error as JSON in Redis: its class name, its message with every token and signature
 * removed, and the fields needed to rebuild it with {@link reviveExportError}.
 *
 * @example
 * ```ts
 * const stored: SerializedExportError = {
 *   name: "ArchiveFailedError",
 *   message: "Archive job 42 failed (jobs: 40, 41, 42)",
 *   fields: { jobId: "42", jobIds: ["40", "41", "42"] },
 * };
 * ```
 */
export interface SerializedExportError {
  /** The error's class name, e.g. `PortabilityApiError`. */
  name: string;
  /** Its message, without tokens or signatures. */
  message: string;
  /** The class's own fields (JSON), e.g. `httpStatus` and `details`. */
  fields: Record<string, unknown>;
}

/**
 * Where an export is, as {@link ExportQueue.getExport} reports it.
 *
 * @example
 * ```ts
 * const status: ExportStatus | undefined = await queue.getExport(exportId);
 * if (status?.status === "dead") console.error(status.error);
 * ```
 */
export interface ExportStatus {
  /** The export's ID (its BullMQ job ID). */
  exportId: string;
  /** The user it exports for. */
  userId: string;
  /** The resources it exports. */
  resources: Resource[];
  /** The BullMQ state, with `dead` for a failed export. */
  status:
    | "waiting"
    | "delayed"
    | "active"
    | "waiting-children"
    | "prioritized"
    | "completed"
    | "dead"
    | "unknown";
  /** The phase it is in (or died in). */
  phase: ExportPhase;
  /** The current archive job, once initiated. */
  archiveJobId?: string;
  /** ISO 8601, while checks are scheduled. */
  nextCheckAt?: string;
  /** The last progress report. */
  progress?: ExportProgress;
  /** What the export produced, once completed. */
  result?: ExportResult;
  /** The typed error of a dead export. */
  error?: Error;
}

/**
 * A dead letter: an export that cannot finish, with the error that stopped it. One job per
 * export in the `dead` queue (ID = export ID); nothing consumes them but your code.
 *
 * @example
 * ```ts
 * for (const letter of await queue.deadLetters()) {
 *   console.error(letter.userId, letter.phase, reviveExportError(letter.error));
 * }
 * ```
 */
export interface DeadLetter {
  /** The dead export. */
  exportId: string;
  /** The user it exported for. */
  userId: string;
  /** The resources it exported. */
  resources: Resource[];
  /** The phase the export died in. */
  phase: ExportPhase;
  /** The last archive job, when it got that far. */
  archiveJobId?: string;
  /** Every archive job of the export, when it got that far. */
  jobIds?: string[];
  /** The error; {@link reviveExportError} rebuilds its class. */
  error: SerializedExportError;
  /** ISO 8601. */
  failedAt: string;
}
