import { setMaxListeners } from "node:events";
import { mkdir } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import {
  ArchiveCancelledError,
  ArchiveFailedError,
  type Clock,
  InvalidArgumentError,
  systemClock,
} from "@dataportability/core";
import pLimit from "p-limit";
import { assertDownloadableUrl } from "../storage/storage-request.js";
import { ArchiveUrls } from "./archive-urls.js";
import type { DownloadEvent, DownloadedFile } from "./download-events.js";
import { downloadFile } from "./download-file.js";
import { type DownloadArchiveOptions, validateDownloadOptions } from "./download-options.js";
import { archiveFileNames } from "./file-names.js";
import { ProgressTracker } from "./progress-tracker.js";

/** The job ID in errors about a state passed without one. */
const UNKNOWN_JOB = "(job ID not given)";

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
 * - Files of `sliceThresholdBytes` (64 MiB) and more may be fetched in up to `slices` (4)
 *   parallel ranged requests written at their offsets: with `slicing: "adaptive"` (default) a
 *   file starts on one connection, a probe connection then fetches a short range off its end,
 *   and the rest open only when two were clearly faster than one; `"always"` opens them all at
 *   once. Each slice has its own CRC32C, combined into the object's, and resumes on its own
 *   (the sidecar records each slice's progress). A server that ignores `Range` gets one
 *   stream from byte 0 instead.
 * - File names come from the URL paths, made safe ({@link archiveFileNames}).
 * - Signed URLs that have expired, or will before the file is likely done (at least
 *   `expiryMarginMs` ahead), and URLs the server rejects (400/401/403) are replaced through
 *   `client.getArchiveState(jobId)`.
 * - Transient failures (connection reset, timeouts, 408/429/5xx, truncated bodies) are retried
 *   with backoff, resuming from the bytes already written.
 * - `Authorization` is never sent to the storage host, and redirects are not followed.
 * - Every storage answer must look like a Cloud Storage object: a size (`Content-Length` or
 *   `Content-Range`), a checksum in `x-goog-hash`, and no HTML content type. Anything else
 *   (a captive portal's or proxy's page) fails with {@link ArchiveDownloadError} reason
 *   `"not-an-archive"` and nothing is kept in place of the archive.
 * - The first failure cancels the other transfers and is thrown: {@link ArchiveVerificationError}
 *   (bad file deleted), {@link ArchiveDownloadError} (`.part` kept: run again to resume),
 *   `ArchiveFailedError` / `ArchiveCancelledError` (the job ended FAILED / CANCELLED, checked
 *   before any download), `InvalidArgumentError` (bad input, before any request), or the
 *   signal's reason.
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
  const settings = validateDownloadOptions(options);
  const { client } = options;
  let state = options.state;
  const jobId = state?.jobId ?? settings.jobId;
  if (!state) {
    // validateDownloadOptions() guarantees a client and a job ID here.
    state = await client!.getArchiveState(jobId!, { signal: options.signal });
  }
  // A job that ended without an archive is an outcome to report, not a bad argument.
  if (state.state === "FAILED") throw new ArchiveFailedError(jobId ?? UNKNOWN_JOB);
  if (state.state === "CANCELLED") throw new ArchiveCancelledError(jobId ?? UNKNOWN_JOB);
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
  // Each file listens with its request, its writer, its retry waits and its slices.
  setMaxListeners(4 * settings.concurrency + 10, signal);
  const emit = (event: DownloadEvent) => options.onEvent?.(event);
  const sockets = settings.concurrency * settings.slices;
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: sockets }),
    https: new https.Agent({ keepAlive: true, maxSockets: sockets }),
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
      slices: settings.slices,
      slicing: settings.slicing,
      sliceThresholdBytes: settings.sliceThresholdBytes,
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
