import { type Resource, TIME_FILTER_RESOURCES } from "@dataportability/spec";

const SUPPORTED: ReadonlySet<Resource> = new Set(TIME_FILTER_RESOURCES);

/**
 * Whether the emulator filters a group's records by the job's time window: the groups Google's
 * time-filter guide lists (https://developers.google.com/data-portability/user-guide/time-filter).
 * The records of other groups cover their whole history whatever the request said.
 *
 * @example
 * ```ts
 * supportsTimeFilter("myactivity.youtube"); // true
 * supportsTimeFilter("chrome.bookmarks"); // false
 * ```
 */
export function supportsTimeFilter(resource: Resource): boolean {
  return SUPPORTED.has(resource);
}
