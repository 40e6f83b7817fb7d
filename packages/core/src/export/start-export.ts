import type { InitiateArchiveInput } from "../client/archive-types.js";
import type { PortabilityClient } from "../client/create-portability-client.js";
import { nonNegative } from "../validation/validation.js";
import {
  DEFAULT_MAX_WAIT_MS,
  newSavedExport,
  retriesFor,
  type SavedExport,
} from "./saved-export.js";

/**
 * What {@link startExport} accepts: the initiate input plus how long to wait and whether to
 * retry a FAILED job, both kept in the saved export.
 *
 * @example
 * ```ts
 * const request: StartExportInput = {
 *   resources: ["myactivity.youtube"],
 *   maxWaitMs: 3 * 86_400_000,
 *   retryFailed: true,
 * };
 * ```
 */
export interface StartExportInput extends InitiateArchiveInput {
  /** Give up (with `WaitTimeoutError`) this long after the start, at least 0. Default 7 days. */
  maxWaitMs?: number;
  /** Retry a FAILED job: `true` for up to 3 times (the API's limit), or a count. Default `false`. */
  retryFailed?: boolean | number;
}

/**
 * Starts an export and returns its first saved export, to store and pass to `checkArchive`
 * (the first check is due at once). An identical job already running is taken over
 * (`reuseExisting` defaults to true here), and a repeated try after a lost answer returns the
 * job the first try started, so a retried request never spends the user's one-time consent
 * twice. Options are checked before the request.
 *
 * @throws {InvalidArgumentError} for bad resources, time range, `maxWaitMs` or `retryFailed`,
 * before any request.
 * @example
 * ```ts
 * const saved = await startExport(client, {
 *   resources: ["myactivity.youtube"],
 *   retryFailed: true,
 * });
 * await db.query("insert into exports (user_id, saved, next_check_at) values ($1, $2, $3)", [
 *   userId,
 *   saved,
 *   saved.nextCheckAt,
 * ]);
 * ```
 */
export async function startExport(
  client: PortabilityClient,
  request: StartExportInput,
): Promise<SavedExport> {
  const maxWaitMs = nonNegative(request?.maxWaitMs, "maxWaitMs") ?? DEFAULT_MAX_WAIT_MS;
  const retries = retriesFor(request.retryFailed);
  const { archiveJobId } = await client.initiateArchive({ reuseExisting: true, ...request });
  return newSavedExport(archiveJobId, client.clock.now(), maxWaitMs, retries);
}
