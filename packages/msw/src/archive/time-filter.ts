import type { Resource } from "@dataportability/spec";

/**
 * The resource groups whose exports honour `startTime`/`endTime`: every My Activity group and
 * Chrome history, as Google's time-filter guide lists them
 * (https://developers.google.com/data-portability/user-guide/time-filter; the release notes of
 * 20 February 2025 describe the feature as filtering `my_activity` or `chrome_history` data).
 * The same list as `TIME_FILTER_RESOURCES` of `@dataportability/core`, which this package does
 * not depend on.
 */
const TIME_FILTER_RESOURCES: ReadonlySet<string> = new Set([
  "chrome.history",
  "myactivity.maps",
  "myactivity.myadcenter",
  "myactivity.play",
  "myactivity.search",
  "myactivity.shopping",
  "myactivity.youtube",
] satisfies Resource[]);

/**
 * Whether the emulator filters a group's records by the job's time window; the records of
 * other groups cover their whole history whatever the request said.
 *
 * @example
 * ```ts
 * supportsTimeFilter("myactivity.youtube"); // true
 * supportsTimeFilter("chrome.bookmarks"); // false
 * ```
 */
export function supportsTimeFilter(resource: Resource): boolean {
  return TIME_FILTER_RESOURCES.has(resource);
}
