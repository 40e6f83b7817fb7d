import { PortabilityApiError } from "../errors/portability-api-error.js";

/**
 * Where the next time-based (incremental) export should start: the previous export's
 * `exportTime`, so that no data is missed or exported twice.
 *
 * @example
 * ```ts
 * const previous = await exportArchive(client, { resources });
 * // ...24 hours later
 * await exportArchive(client, { resources, startTime: nextStartTime(previous) });
 * ```
 */
export function nextStartTime(previous: { exportTime?: Date | undefined }): Date | undefined {
  return previous.exportTime;
}

/**
 * When the next time-based export is allowed after a refusal of the 24-hour limit (a 429
 * `RESOURCE_EXHAUSTED_TIME_BASED` or an initiate's `FAILED_PRECONDITION`): the answer's
 * `timestamp_after_24hrs`, else 24 hours after `previousExportAt` (when the previous export
 * was initiated) if given; `undefined` for any other error.
 *
 * @example
 * ```ts
 * try {
 *   await exportArchive(client, { resources, startTime });
 * } catch (error) {
 *   const at = nextExportAllowedAt(error, lastInitiatedAt);
 *   if (at) scheduleAt(at);
 * }
 * ```
 */
export function nextExportAllowedAt(error: unknown, previousExportAt?: Date): Date | undefined {
  if (!(error instanceof PortabilityApiError)) return undefined;
  if (error.nextAllowedAt) return error.nextAllowedAt;
  return error.isTimeBasedExhausted && previousExportAt
    ? new Date(+previousExportAt + 86_400_000)
    : undefined;
}
