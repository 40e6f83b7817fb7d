import type { TransferProgress } from "./progress-tracker.js";

/**
 * Events reported by `downloadArchive` through `onEvent`. Every `url` is shown without its
 * query (the signature never appears).
 *
 * - `file-start`: a file begins (or resumes from `offset`).
 * - `progress`: bytes written for `file`, with that file's and the total's rate and ETA;
 *   at most once per `progressIntervalMs` per file, and once when a file completes.
 * - `retry`: an attempt failed (connection reset, 5xx, 429, truncated body) and will be
 *   retried after `delayMs`, resuming at the bytes already written.
 * - `urls-refreshed`: the signed URLs had expired or were about to, and fresh ones were read
 *   from `getArchiveState`.
 * - `file-complete`: a file was verified and renamed into place (`skipped` when an existing
 *   file was already correct).
 *
 * @example
 * ```ts
 * await downloadArchive({
 *   state,
 *   folder: "./export",
 *   onEvent(event) {
 *     if (event.type === "progress") {
 *       console.log(event.file, event.fileProgress.bytes, event.total.etaMs);
 *     }
 *   },
 * });
 * ```
 */
export type DownloadEvent =
  | {
      /** A file begins or resumes. */
      type: "file-start";
      /** File name inside the folder. */
      file: string;
      /** Position of the file in the archive's URL list, from 0. */
      index: number;
      /** The file's URL without its query. */
      url: string;
      /** Bytes kept from an earlier attempt or run (0 for a fresh start). */
      offset: number;
    }
  | {
      /** Bytes were written. */
      type: "progress";
      /** File name inside the folder. */
      file: string;
      /** Bytes, rate and ETA of this file. */
      fileProgress: TransferProgress;
      /** Bytes, rate and ETA of every file of the archive together. */
      total: TransferProgress;
    }
  | {
      /** An attempt failed and will be retried. */
      type: "retry";
      /** File name inside the folder. */
      file: string;
      /** 1 for the first retry since the last byte was received. */
      attempt: number;
      /** Wait before the next attempt, in milliseconds. */
      delayMs: number;
      /** Bytes already on disk; the next attempt resumes there. */
      offset: number;
      /** What went wrong, without any secret. */
      reason: string;
    }
  | {
      /** Fresh signed URLs were read. */
      type: "urls-refreshed";
      /** The file whose request found the URL stale. */
      file: string;
      /** When the fresh URLs expire, if they say. */
      expiresAt: Date | undefined;
    }
  | {
      /** A file was verified and is in place. */
      type: "file-complete";
      /** File name inside the folder. */
      file: string;
      /** Absolute path of the final file. */
      path: string;
      /** Size of the file in bytes. */
      bytes: number;
      /** True when an existing correct file was kept and nothing was downloaded. */
      skipped: boolean;
    };

/**
 * One archive file written by `downloadArchive`.
 *
 * @example
 * ```ts
 * const file: DownloadedFile = {
 *   name: "archive-001.zip", path: "/data/export/archive-001.zip",
 *   url: "https://storage.googleapis.com/bucket/archive-001.zip",
 *   bytes: 1024, crc32c: "yZRlqg==", resumed: false, skipped: false,
 * };
 * ```
 */
export interface DownloadedFile {
  /** File name inside the folder, derived safely from the URL. */
  name: string;
  /** Absolute path. */
  path: string;
  /** The URL without its query. */
  url: string;
  /** Size of the file in bytes. */
  bytes: number;
  /** CRC32C of the file, base64 (as in `x-goog-hash`). */
  crc32c: string;
  /** MD5, base64, when it was verified (`checksums: "all"`, or no CRC32C announced). */
  md5?: string;
  /** SHA-256, hex, when `sha256: true` was passed. */
  sha256?: string;
  /** True when bytes from an earlier attempt or run were reused. */
  resumed: boolean;
  /** True when the file already existed and was correct, so nothing was downloaded. */
  skipped: boolean;
}
