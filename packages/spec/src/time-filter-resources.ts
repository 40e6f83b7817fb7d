import type { Resource } from "./generated/metadata.gen.js";

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
