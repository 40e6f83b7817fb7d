import type { PortabilityApiError } from "./portability-api-error.js";

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
 * When the next time-based export is allowed, from a 429 `RESOURCE_EXHAUSTED_TIME_BASED`
 * error's `timestamp_after_24hrs`; `undefined` for any other error.
 *
 * @example
 * ```ts
 * try {
 *   await exportArchive(client, { resources, startTime });
 * } catch (error) {
 *   const at = nextExportAllowedAt(error);
 *   if (at) scheduleAt(at);
 * }
 * ```
 */
export function nextExportAllowedAt(error: unknown): Date | undefined {
  return (error as PortabilityApiError | undefined)?.nextAllowedAt;
}
