import type {
  AccessType,
  ArchiveState,
  CallOptions,
  InitiateArchiveInput,
  InitiateArchiveResult,
} from "../client/archive-types.js";
import type { PortabilityClient } from "../client/create-portability-client.js";
import {
  ArchiveCancelledError,
  ArchiveFailedError,
  ArchiveNotReadyError,
} from "../errors/archive-errors.js";
import { type PollArchiveOptions, pollArchive } from "./poll-archive.js";
import { signedUrlExpiry } from "./signed-url.js";

/**
 * The archive files of a COMPLETE job and how long their signed URLs work.
 *
 * @example
 * ```ts
 * const { urls, urlsExpireAt }: ArchiveUrls = await refreshArchiveUrls(client, jobId);
 * ```
 */
export interface ArchiveUrls {
  /** The COMPLETE job whose files these are. */
  jobId: string;
  /** Signed URLs of the archive files, valid until `urlsExpireAt`. */
  urls: string[];
  /** End of the exported range; the next incremental export starts here. */
  exportTime: Date | undefined;
  /** Start of the exported range, when the job was started with one. */
  startTime: Date | undefined;
  /**
   * When the first URL expires (from `X-Goog-Date` + `X-Goog-Expires`), or 6 hours after the
   * state was read when the URLs do not say.
   */
  urlsExpireAt: Date;
}

/**
 * What {@link exportArchive} returns.
 *
 * @example
 * ```ts
 * const result: ExportResult = await exportArchive(client, { resources: ["myactivity.youtube"] });
 * ```
 */
export interface ExportResult extends ArchiveUrls {
  /** How the token may export; `UNSPECIFIED` when a running job was reused. */
  accessType: AccessType;
  /** True when an identical job already running was reused instead of starting one. */
  reused: boolean;
  /** Every job of this export, the first one first (more than one after retries). */
  jobIds: string[];
}

/**
 * What {@link exportArchive} accepts: the initiate input plus poll options.
 *
 * @example
 * ```ts
 * const input: ExportArchiveInput = {
 *   resources: ["myactivity.youtube"],
 *   onJobStarted: (job) => db.save(job.archiveJobId),
 * };
 * ```
 */
export interface ExportArchiveInput
  extends InitiateArchiveInput,
    Omit<PollArchiveOptions, "signal"> {
  /** Called once the job ID is known, e.g. to store it before waiting. */
  onJobStarted?: (job: InitiateArchiveResult) => void;
}

const SIX_HOURS = 21_600_000;

function toUrls(state: ArchiveState, now: number): ArchiveUrls {
  const fallback = now + SIX_HOURS;
  return {
    jobId: state.jobId,
    urls: state.urls,
    exportTime: state.exportTime,
    startTime: state.startTime,
    urlsExpireAt: new Date(
      state.urls.length
        ? Math.min(...state.urls.map((url) => signedUrlExpiry(url)?.getTime() ?? fallback))
        : fallback,
    ),
  };
}

/**
 * The whole export: initiate (an identical running job is reused, `reuseExisting` defaults to
 * true here), wait until COMPLETE, and return the URLs with their expiry.
 *
 * @example
 * ```ts
 * const { urls, urlsExpireAt, exportTime } = await exportArchive(client, {
 *   resources: ["myactivity.youtube", "youtube.comments"],
 *   retryFailed: true,
 *   onProgress: (p) => console.log(p.state),
 * });
 * ```
 */
export async function exportArchive(
  client: PortabilityClient,
  input: ExportArchiveInput,
): Promise<ExportResult> {
  const job = await client.initiateArchive({ reuseExisting: true, ...input });
  input.onJobStarted?.(job);
  const { archiveJobId, ...started } = job;
  const poller = pollArchive(client, archiveJobId, input);
  const state = await poller;
  return {
    ...toUrls(state, (input.clock ?? client.clock).now()),
    ...started,
    jobIds: poller.serialize().jobIds,
  };
}

/**
 * Reads fresh signed URLs of a COMPLETE job (they last about 6 hours; the data 14 days).
 *
 * @throws {ArchiveNotReadyError} while the job runs; {@link ArchiveFailedError} /
 * {@link ArchiveCancelledError} for a job that ended so.
 * @example
 * ```ts
 * if (result.urlsExpireAt.getTime() - Date.now() < 10 * 60_000) {
 *   result = await refreshArchiveUrls(client, result.jobId);
 * }
 * ```
 */
export async function refreshArchiveUrls(
  client: PortabilityClient,
  jobId: string,
  options?: CallOptions,
): Promise<ArchiveUrls> {
  const state = await client.getArchiveState(jobId, options);
  if (state.state === "FAILED") throw new ArchiveFailedError(state.jobId);
  if (state.state === "CANCELLED") throw new ArchiveCancelledError(state.jobId);
  if (state.state !== "COMPLETE") throw new ArchiveNotReadyError(state.jobId, state.state);
  return toUrls(state, client.clock.now());
}
