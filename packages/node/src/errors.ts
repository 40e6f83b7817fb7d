import { PortabilityError } from "@dataportability/core";

// Zip-safety errors are the archive reader's, shared so one `instanceof` recognises them
// whichever package found the problem.
export type { ArchiveLimit } from "@dataportability/archive";
export { ArchiveTooLargeError, UnsafeArchiveEntryError } from "@dataportability/archive";

/**
 * Which check a downloaded archive failed.
 *
 * @example
 * ```ts
 * const check: VerificationCheck = "crc32c";
 * ```
 */
export type VerificationCheck = "size" | "crc32c" | "md5";

/**
 * A downloaded archive does not match what the storage server announced (size or
 * `x-goog-hash`). The bad `.part` file and its sidecar are deleted and nothing is renamed into
 * place, so the next run downloads the archive again from the start.
 *
 * @example
 * ```ts
 * try {
 *   await downloadArchive({ state, folder: "./export" });
 * } catch (error) {
 *   if (error instanceof ArchiveVerificationError) {
 *     console.error(`${error.fileName}: ${error.check} ${error.actual} != ${error.expected}`);
 *   }
 * }
 * ```
 */
export class ArchiveVerificationError extends PortabilityError {
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "ArchiveVerificationError";
  /** The archive's file name inside the download folder. */
  readonly fileName: string;
  /** The URL without its query (the signature is never kept). */
  readonly url: string;
  /** The failed check. */
  readonly check: VerificationCheck;
  /** What the server announced (bytes, or a base64 checksum). */
  readonly expected: string;
  /** What was received. */
  readonly actual: string;

  constructor(fields: {
    fileName: string;
    url: string;
    check: VerificationCheck;
    expected: string | number;
    actual: string | number;
  }) {
    super(
      `${fields.fileName}: ${fields.check} mismatch (expected ${fields.expected}, got ${fields.actual}); the partial file was deleted`,
    );
    this.fileName = fields.fileName;
    this.url = fields.url;
    this.check = fields.check;
    this.expected = String(fields.expected);
    this.actual = String(fields.actual);
  }
}

/**
 * Why a download could not finish.
 *
 * @example
 * ```ts
 * const reason: DownloadFailureReason = "url-expired";
 * ```
 */
export type DownloadFailureReason =
  /** The storage server answered with an HTTP status that retrying did not cure. */
  | "http-status"
  /** The connection kept failing after every allowed retry. */
  | "network"
  /** The signed URL expired and no client was given to fetch fresh ones (or none came back). */
  | "url-expired"
  /** The archive changed on the server between attempts (size or ETag differ). */
  | "changed"
  /**
   * The answer was not a Cloud Storage object (no size, no `x-goog-hash` checksum, or an HTML
   * page): a captive portal or a proxy answered instead. Nothing is kept in its place.
   */
  | "not-an-archive";

/**
 * A download failed for a reason other than verification. The `.part` file and its sidecar
 * are kept, so running the download again resumes where it stopped.
 *
 * @example
 * ```ts
 * try {
 *   await downloadArchive({ state, folder: "./export" });
 * } catch (error) {
 *   if (error instanceof ArchiveDownloadError && error.reason === "url-expired") {
 *     // pass `client` so expired URLs are refreshed automatically
 *   }
 * }
 * ```
 */
export class ArchiveDownloadError extends PortabilityError {
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "ArchiveDownloadError";
  /** The archive's file name inside the download folder. */
  readonly fileName: string;
  /** The URL without its query. */
  readonly url: string;
  /** Why it failed. */
  readonly reason: DownloadFailureReason;
  /** The last HTTP status seen, if any. */
  readonly httpStatus: number | undefined;

  constructor(
    fields: { fileName: string; url: string; reason: DownloadFailureReason; httpStatus?: number },
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${fields.fileName}: ${message}`, options);
    this.fileName = fields.fileName;
    this.url = fields.url;
    this.reason = fields.reason;
    this.httpStatus = fields.httpStatus;
  }
}

/**
 * The disk refused to take an archive's bytes (full, read-only, permission denied, I/O error),
 * or the download folder cannot be written. The `.part` file and its sidecar are kept, so the
 * download resumes once the disk is fixed.
 *
 * @example
 * ```ts
 * try {
 *   await downloadArchive({ state, folder: "./export" });
 * } catch (error) {
 *   if (error instanceof ArchiveWriteError) console.error(`${error.path}: ${error.code}`);
 * }
 * ```
 */
export class ArchiveWriteError extends PortabilityError {
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "ArchiveWriteError";
  /** The system error code the disk gave (`ENOSPC`, `EACCES`, `EROFS`, `EIO`, …). */
  readonly code: string;
  /** The file or folder that could not be written. */
  readonly path: string;

  constructor(fields: { code: string; path: string }, options?: { cause?: unknown }) {
    super(
      `Cannot write ${fields.path}: ${describeDiskError(fields.code)} (${fields.code})`,
      options,
    );
    this.code = fields.code;
    this.path = fields.path;
  }
}

function describeDiskError(code: string): string {
  switch (code) {
    case "ENOSPC":
      return "the disk is full";
    case "EDQUOT":
      return "the disk quota is used up";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "EIO":
      return "the disk reported an I/O error";
    case "ENOTDIR":
    case "EEXIST":
      return "a file stands where a folder should be";
    default:
      return "the disk refused the write";
  }
}
