import type { Resource } from "./resources.js";

/**
 * The resource groups whose exports honour `startTime` and `endTime`: every My Activity group
 * and Chrome history. Google lists them in its time-filter guide
 * (https://developers.google.com/data-portability/user-guide/time-filter), and its release notes
 * of 20 February 2025 (https://developers.google.com/data-portability/docs/release-notes)
 * describe the feature as filtering a user's `my_activity` or `chrome_history` data. For any
 * other group the times are not applied: the archive holds everything.
 *
 * @example
 * ```ts
 * TIME_FILTER_RESOURCES.includes("myactivity.youtube"); // true
 * TIME_FILTER_RESOURCES.includes("youtube.comments"); // false
 * ```
 */
export const TIME_FILTER_RESOURCES = [
  "chrome.history",
  "myactivity.maps",
  "myactivity.myadcenter",
  "myactivity.play",
  "myactivity.search",
  "myactivity.shopping",
  "myactivity.youtube",
] as const satisfies readonly Resource[];

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
