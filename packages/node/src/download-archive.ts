import { mkdir } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import {
  type ArchiveStateName,
  type Clock,
  InvalidArgumentError,
  normalizeJobId,
  systemClock,
} from "@dataportability/core";
import pLimit from "p-limit";
import { type ArchiveStateReader, ArchiveUrls } from "./archive-urls.js";
import type { DownloadEvent, DownloadedFile } from "./download-events.js";
import { downloadFile } from "./download-file.js";
import { archiveFileNames } from "./file-names.js";
import { ProgressTracker } from "./progress-tracker.js";
import { assertDownloadableUrl } from "./storage-request.js";

/**
 * Options of {@link downloadArchive}. Give either a COMPLETE `state`, or a `jobId` and a
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
  state?: { urls: readonly string[]; jobId?: string; state?: ArchiveStateName };
  /** The job to download when no `state` is given (requires `client`). */
  jobId?: string;
  /** Reads the job's state, and fresh URLs when they expire. */
  client?: ArchiveStateReader;
  /** Target folder (created, mode 0700, if missing). Nothing is written outside it. */
  folder: string;
  /** Files downloaded at once, 1 to 16. Default 2. */
  concurrency?: number;
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
 * What {@link downloadArchive} produced.
 *
 * @example
 * ```ts
 * const { files, bytes }: DownloadArchiveResult = await downloadArchive({ state, folder: "./export" });
 * ```
 */
export interface DownloadArchiveResult {
  /** The job ID, when known. */
  jobId: string | undefined;
  /** Absolute path of the folder. */
  folder: string;
  /** One entry per URL, in the order of the state's URLs. */
  files: DownloadedFile[];
  /** Total size of the files. */
  bytes: number;
  /** How many times fresh URLs were fetched. */
  urlRefreshes: number;
}

/**
 * Downloads every file of a completed archive job into a folder: streamed to `<name>.part`
 * with bounded memory, resumed with `Range` after an interruption or a crash (a
 * `<name>.part.json` sidecar remembers the object), verified against the size and
 * `x-goog-hash` checksum the storage server announces (CRC32C; MD5 too with
 * `checksums: "all"`), and only then renamed to `<name>`.
 *
 * - File names come from the URL paths, made safe ({@link archiveFileNames}).
 * - Signed URLs that have expired, or will before the file is likely done (at least
 *   `expiryMarginMs` ahead), and URLs the server rejects (400/401/403) are replaced through
 *   `client.getArchiveState(jobId)`.
 * - Transient failures (connection reset, timeouts, 408/429/5xx, truncated bodies) are retried
 *   with backoff, resuming from the bytes already written.
 * - `Authorization` is never sent to the storage host, and redirects are not followed.
 * - The first failure cancels the other transfers and is thrown: {@link ArchiveVerificationError}
 *   (bad file deleted), {@link ArchiveDownloadError} (`.part` kept: run again to resume),
 *   `InvalidArgumentError` (bad input, before any request), or the signal's reason.
 *
 * @param options - What to download, where, and how.
 * @returns The files written, in URL order.
 * @example
 * ```ts
 * import { createPortabilityClient, waitForArchive } from "@dataportability/core";
 * import { downloadArchive } from "@dataportability/node";
 *
 * const client = createPortabilityClient({ auth });
 * const state = await waitForArchive(client, jobId);
 * const { files } = await downloadArchive({
 *   state,
 *   client,
 *   folder: "./export",
 *   onEvent: (event) => {
 *     if (event.type === "progress") process.stdout.write(`\r${event.total.bytes} bytes`);
 *   },
 * });
 * ```
 */
export async function downloadArchive(
  options: DownloadArchiveOptions,
): Promise<DownloadArchiveResult> {
  const settings = validate(options);
  const { client } = options;
  let state = options.state;
  const jobId = state?.jobId ?? settings.jobId;
  if (!state) {
    // validate() guarantees a client and a job ID here.
    state = await client!.getArchiveState(jobId!, { signal: options.signal });
  }
  if ((state.state !== undefined && state.state !== "COMPLETE") || state.urls.length === 0) {
    throw new InvalidArgumentError(
      "state",
      `the archive job is ${state.state ?? "given"} with ${state.urls.length} URLs`,
      "a COMPLETE state with at least one URL (wait for the job first)",
    );
  }
  for (const [i, url] of state.urls.entries()) assertDownloadableUrl(url, `state.urls[${i}]`);

  const folder = path.resolve(options.folder);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const names = archiveFileNames(state.urls);
  const clock = options.clock ?? (client as { clock?: Clock } | undefined)?.clock ?? systemClock;
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  const emit = (event: DownloadEvent) => options.onEvent?.(event);
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: settings.concurrency }),
    https: new https.Agent({ keepAlive: true, maxSockets: settings.concurrency }),
  };
  const urls = new ArchiveUrls(
    state.urls,
    client && jobId ? { jobId, client } : undefined,
    (i, expiresAt) => emit({ type: "urls-refreshed", file: names[i] ?? "", expiresAt }),
  );
  const tracker = new ProgressTracker(clock);
  for (const name of names) tracker.start(name);
  let firstError: unknown;
  const limit = pLimit(settings.concurrency);
  try {
    const ctx = {
      urls,
      clock,
      signal,
      tracker,
      agents,
      retries: settings.retries,
      retryDelayMs: settings.retryDelayMs,
      expiryMarginMs: settings.expiryMarginMs,
      idleTimeoutMs: settings.idleTimeoutMs,
      progressIntervalMs: settings.progressIntervalMs,
      replaceExisting: options.existing === "replace",
      checksums: options.checksums ?? "crc32c",
      sha256: options.sha256 === true,
      userAgent: options.userAgent,
      emit,
    };
    const settled = await Promise.allSettled(
      names.map((name, index) =>
        limit(async () => {
          signal.throwIfAborted();
          const finalPath = path.join(folder, name);
          if (path.dirname(finalPath) !== folder) throw new Error(`unsafe file name ${name}`);
          try {
            return await downloadFile(ctx, index, name, finalPath);
          } catch (error) {
            if (firstError === undefined) {
              firstError = error;
              controller.abort(error);
            }
            throw error;
          }
        }),
      ),
    );
    if (firstError !== undefined) throw firstError;
    const files = settled.map((result) => (result as PromiseFulfilledResult<DownloadedFile>).value);
    return {
      jobId,
      folder,
      files,
      bytes: files.reduce((sum, file) => sum + file.bytes, 0),
      urlRefreshes: urls.refreshes,
    };
  } finally {
    limit.clearQueue();
    agents.http.destroy();
    agents.https.destroy();
  }
}

function validate(options: DownloadArchiveOptions) {
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
    retries: int("retries", options.retries, 5, 0, 100),
    retryDelayMs: int("retryDelayMs", options.retryDelayMs, 1000, 0, 600_000),
    expiryMarginMs: int("expiryMarginMs", options.expiryMarginMs, 60_000, 0, 6 * 3_600_000),
    idleTimeoutMs: int("idleTimeoutMs", options.idleTimeoutMs, 60_000, 0, 3_600_000),
    progressIntervalMs: int("progressIntervalMs", options.progressIntervalMs, 250, 0, 60_000),
  };
}
