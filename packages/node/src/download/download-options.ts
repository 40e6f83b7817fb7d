import type { ArchiveStateName, Clock } from "@dataportability/core";
import { InvalidArgumentError, normalizeJobId } from "@dataportability/core";
import type { ArchiveStateReader } from "./archive-urls.js";
import type { DownloadEvent } from "./download-events.js";

/**
 * Options of `downloadArchive`. Give either a COMPLETE `state`, or a `jobId` and a
 * `client` to read it with. With a `client` (and the job ID, from `state.jobId` or `jobId`),
 * expired signed URLs are replaced with fresh ones from `getArchiveState`.
 *
 * @example
 * ```ts
 * const options: DownloadArchiveOptions = {
 *   jobId: "0123456789abcdef",
 *   client,
 *   folder: "./export",
 *   concurrency: 3,
 *   slices: 8,
 *   onEvent: (event) => console.log(event.type),
 * };
 * ```
 */
export interface DownloadArchiveOptions {
  /**
   * A COMPLETE archive: the result of `exportArchive`, `waitForArchive`, `getArchiveState` or
   * `refreshArchiveUrls` (anything with `urls`, and `jobId` to allow URL refreshes). A `state`
   * field, when present, must be `"COMPLETE"`.
   */
  state?: {
    /** The signed URLs of the archive files, in order. */
    urls: readonly string[];
    /** The job's ID, needed to refresh expired URLs. */
    jobId?: string;
    /** The job's state; must be `"COMPLETE"` when given. */
    state?: ArchiveStateName;
  };
  /** The job to download when no `state` is given (requires `client`). */
  jobId?: string;
  /** Reads the job's state, and fresh URLs when they expire. */
  client?: ArchiveStateReader;
  /** Target folder (created, mode 0700, if missing). Nothing is written outside it. */
  folder: string;
  /** Files downloaded at once, 1 to 16. Default 2. */
  concurrency?: number;
  /**
   * The most ranged requests fetching one large file at once, 1 to 16 (1 turns slicing off).
   * Each slice is written at its offset in the `.part` file and checked with its own CRC32C,
   * combined into the object's. Helps where one connection gets less than the link (Cloud
   * Storage, long or lossy paths). Default 4.
   */
  slices?: number;
  /**
   * When a large file is sliced. `"adaptive"` (default): it starts on one connection; after half
   * a second a probe connection takes a short range off the end, and when the two deliver at
   * least 1.5 times what one did, the connection was the limit and up to `slices` open, each
   * one that ends early taking half of the longest rest. Otherwise (the CPU, the disk or the
   * link is the limit, as on a fast local network, where extra connections only cost CPU)
   * the probe ends and one connection goes on. `"always"`: every slice opens at once, for
   * networks known to limit each connection.
   */
  slicing?: "adaptive" | "always";
  /** Files from this size on are fetched in `slices`. Default 64 MiB. */
  sliceThresholdBytes?: number;
  /** Cancels every transfer; `.part` files stay for a later resume. */
  signal?: AbortSignal;
  /** Receives {@link DownloadEvent}s. Must not throw. */
  onEvent?: (event: DownloadEvent) => void;
  /** Retries per file after transient failures, counted since the last byte received. Default 5. */
  retries?: number;
  /** First retry delay; doubles per failure up to 30 s, with ±20 % jitter. Default 1000 ms. */
  retryDelayMs?: number;
  /**
   * Before each request, refresh a URL that expires within this margin, or before the rest of
   * the file would arrive at this run's average rate. Default 60 000 ms.
   */
  expiryMarginMs?: number;
  /** Abort and retry a request that receives no byte for this long (real time). Default 60 000 ms. */
  idleTimeoutMs?: number;
  /** Minimum time between two `progress` events of one file. Default 250 ms. */
  progressIntervalMs?: number;
  /**
   * What to do with a final file already in `folder`: `"verify"` (default) keeps it when its size
   * and checksums match the server's (one tiny ranged request) and downloads it again
   * otherwise; `"replace"` always downloads again.
   */
  existing?: "verify" | "replace";
  /**
   * Which announced checksums to verify: `"crc32c"` (default) checks CRC32C, or MD5 when the
   * server announces only MD5, as gsutil and gcloud do; `"all"` checks every announced one
   * (MD5 costs about as much CPU as the rest of the download).
   */
  checksums?: "crc32c" | "all";
  /** Also compute each file's SHA-256 (hex) and report it. Default false. */
  sha256?: boolean;
  /** Time source for URL expiry, rates and retry waits. Default: the client's clock, else the system clock. */
  clock?: Clock;
  /** `User-Agent` sent to the storage server. */
  userAgent?: string;
}

/**
 * Checks {@link DownloadArchiveOptions} before any request and applies defaults; throws
 * `InvalidArgumentError` naming the field and what it allows.
 */
export function validateDownloadOptions(options: DownloadArchiveOptions) {
  if (!options || typeof options !== "object") {
    throw new InvalidArgumentError("options", "missing", "{ state | jobId + client, folder, ... }");
  }
  if (typeof options.folder !== "string" || options.folder.trim() === "") {
    throw new InvalidArgumentError("folder", "missing", "a folder path");
  }
  const hasState = options.state !== undefined;
  if (!hasState && (options.jobId === undefined || options.client === undefined)) {
    throw new InvalidArgumentError(
      "state",
      "neither a state nor a jobId with a client was given",
      "a COMPLETE `state`, or `jobId` and `client`",
    );
  }
  if (
    hasState &&
    (!Array.isArray(options.state?.urls) ||
      (options.state?.state !== undefined && typeof options.state.state !== "string"))
  ) {
    throw new InvalidArgumentError("state", "has no urls", "{ urls, jobId?, state? }");
  }
  const jobId = options.jobId !== undefined ? normalizeJobId(options.jobId) : undefined;
  const int = (
    field: string,
    value: number | undefined,
    fallback: number,
    min: number,
    max: number,
  ) => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(
        field,
        `${value} is out of range`,
        `an integer from ${min} to ${max}`,
      );
    }
    return value;
  };
  if (
    options.checksums !== undefined &&
    options.checksums !== "crc32c" &&
    options.checksums !== "all"
  ) {
    throw new InvalidArgumentError(
      "checksums",
      `${JSON.stringify(options.checksums)} is unknown`,
      '"crc32c" or "all"',
    );
  }
  if (
    options.slicing !== undefined &&
    options.slicing !== "adaptive" &&
    options.slicing !== "always"
  ) {
    throw new InvalidArgumentError(
      "slicing",
      `${JSON.stringify(options.slicing)} is unknown`,
      '"adaptive" or "always"',
    );
  }
  if (
    options.existing !== undefined &&
    options.existing !== "verify" &&
    options.existing !== "replace"
  ) {
    throw new InvalidArgumentError(
      "existing",
      `${JSON.stringify(options.existing)} is unknown`,
      '"verify" or "replace"',
    );
  }
  return {
    jobId,
    concurrency: int("concurrency", options.concurrency, 2, 1, 16),
    slices: int("slices", options.slices, 4, 1, 16),
    slicing: options.slicing ?? "adaptive",
    sliceThresholdBytes: int(
      "sliceThresholdBytes",
      options.sliceThresholdBytes,
      64 * 2 ** 20,
      1,
      Number.MAX_SAFE_INTEGER,
    ),
    retries: int("retries", options.retries, 5, 0, 100),
    retryDelayMs: int("retryDelayMs", options.retryDelayMs, 1000, 0, 600_000),
    expiryMarginMs: int("expiryMarginMs", options.expiryMarginMs, 60_000, 0, 6 * 3_600_000),
    idleTimeoutMs: int("idleTimeoutMs", options.idleTimeoutMs, 60_000, 0, 3_600_000),
    progressIntervalMs: int("progressIntervalMs", options.progressIntervalMs, 250, 0, 60_000),
  };
}
