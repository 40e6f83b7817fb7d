import { TIME_FILTER_RESOURCES as SPEC_TIME_FILTER_RESOURCES } from "@dataportability/spec";

/**
 * The resource groups whose exports honour `startTime` and `endTime`: every My Activity group
 * and Chrome history, as Google's time-filter guide lists them
 * (https://developers.google.com/data-portability/user-guide/time-filter; its release notes of
 * 20 February 2025 say the same). For any other group the times are not applied: the archive
 * holds everything.
 *
 * @example
 * ```ts
 * TIME_FILTER_RESOURCES.includes("myactivity.youtube"); // true
 * TIME_FILTER_RESOURCES.includes("youtube.comments"); // false
 * ```
 */
export const TIME_FILTER_RESOURCES: typeof SPEC_TIME_FILTER_RESOURCES = SPEC_TIME_FILTER_RESOURCES;

const SUPPORTED: ReadonlySet<string> = new Set(TIME_FILTER_RESOURCES);

/**
 * Whether an export of this resource group is filtered by `startTime` / `endTime`
 * ({@link TIME_FILTER_RESOURCES}); `false` for every other group, including names this version
 * does not know.
 *
 * @example
 * ```ts
 * supportsTimeFilter("chrome.history"); // true
 * supportsTimeFilter("saved.collections"); // false: a time filter sent for it is ignored
 *
 * const ignored = resources.filter((resource) => !supportsTimeFilter(resource));
 * if (startTime && ignored.length > 0) console.warn(`not filtered by time: ${ignored.join(", ")}`);
 * ```
 */
export function supportsTimeFilter(resource: string): boolean {
  return SUPPORTED.has(resource);
}
