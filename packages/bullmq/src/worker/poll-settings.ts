import type { ExportStepOptions, SavedExport } from "@dataportability/core";
import {
  DEFAULT_MAX_WAIT_MS,
  newSavedExport,
  nonNegative,
  retriesFor,
} from "@dataportability/core/internal";

/**
 * How state checks are spaced and bounded. The defaults are core's: Google's advice of 5 to
 * 60 minutes between checks after a short ramp (±25 % jitter), a 7-day maximum wait, 3
 * retries of a FAILED archive job. Each check is one round of core's `nextExportStep`.
 *
 * @example
 * ```ts
 * const poll: PollSettings = { maxWaitMs: 3 * 86_400_000, retryFailed: 3 };
 * ```
 */
export interface PollSettings extends ExportStepOptions {
  /** Give up (dead letter with `WaitTimeoutError`) after this long. Default 7 days. */
  maxWaitMs?: number;
  /** Retries of a FAILED archive job, 0 to 3 (the API's limit per consent). Default 3. */
  retryFailed?: number;
}

/**
 * Checks the worker's poll settings before any job runs, so that no export is started (and
 * no one-time consent spent) with settings it cannot be polled with.
 *
 * @internal
 * @throws {InvalidArgumentError} naming `poll.maxWaitMs` or `poll.retryFailed`.
 * @example
 * ```ts
 * const poll = checkPollSettings(options.poll ?? {});
 * ```
 */
export function checkPollSettings(settings: PollSettings): PollSettings {
  nonNegative(settings.maxWaitMs, "poll.maxWaitMs");
  if (settings.retryFailed !== undefined) retriesFor(settings.retryFailed, "poll.retryFailed");
  return settings;
}

/**
 * The saved export of a newly started archive job: first check due `now`.
 *
 * @internal
 * @example
 * ```ts
 * const poller = firstSavedExport(archiveJobId, { retryFailed: 3 }, ctx.clock.now());
 * ```
 */
export function firstSavedExport(
  archiveJobId: string,
  settings: PollSettings,
  now: number,
): SavedExport {
  const maxWaitMs = settings.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  return newSavedExport(archiveJobId, now, maxWaitMs, retriesFor(settings.retryFailed ?? 3));
}
