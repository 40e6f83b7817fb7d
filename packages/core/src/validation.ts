import { didYouMean } from "./did-you-mean.js";
import { InvalidArgumentError } from "./invalid-argument-error.js";
import { isResource, RESOURCES, type Resource } from "./resources.js";

/**
 * A point in time as users hold it: a `Date`, an RFC 3339 string with a zone
 * (`2026-01-01T00:00:00Z`), or epoch milliseconds.
 *
 * @example
 * ```ts
 * const since: DateInput = new Date("2026-01-01T00:00:00Z");
 * ```
 */
export type DateInput = Date | string | number;

const JOB_ID = /^[A-Za-z0-9][\w.~-]{0,255}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Checks a resource list: non-empty, known names, no duplicates.
 *
 * @throws {InvalidArgumentError} naming the first bad entry, with a "did you mean".
 * @example
 * ```ts
 * const resources = validateResources(["myactivity.youtube"]);
 * ```
 */
export function validateResources(resources: unknown, field = "resources"): Resource[] {
  const allowed = "distinct names from RESOURCES, at least one";
  if (!Array.isArray(resources) || !resources.length) {
    throw new InvalidArgumentError(field, "empty or not an array", allowed);
  }
  resources.forEach((resource, i) => {
    const at = `${field}[${i}]`;
    if (!isResource(resource)) {
      throw new InvalidArgumentError(
        at,
        `unknown resource ${JSON.stringify(resource)}`,
        allowed,
        typeof resource === "string" ? didYouMean(resource, RESOURCES) : undefined,
      );
    }
    if (resources.indexOf(resource) !== i) {
      throw new InvalidArgumentError(at, `duplicate of ${JSON.stringify(resource)}`, allowed);
    }
  });
  return resources as Resource[];
}

/**
 * Extracts and checks a job ID from an ID or a resource name
 * (`archiveJobs/{id}` or `archiveJobs/{id}/portabilityArchiveState`). IDs that are empty or
 * could change the request path (`/`, `..`, `%2F`, `?`, `#`) are refused.
 *
 * @throws {InvalidArgumentError}
 * @example
 * ```ts
 * normalizeJobId("archiveJobs/abc123/portabilityArchiveState"); // "abc123"
 * ```
 */
export function normalizeJobId(jobIdOrName: unknown, field = "jobId"): string {
  const name = /^archiveJobs\/([^/]+)(\/portabilityArchiveState)?$/.exec(String(jobIdOrName));
  const id = name ? name[1] : jobIdOrName;
  if (typeof id !== "string" || !JOB_ID.test(id)) {
    throw new InvalidArgumentError(
      field,
      `bad job ID ${JSON.stringify(id)}`,
      "letters, digits and -_.~ (no leading '.'), or 'archiveJobs/{id}'",
    );
  }
  return id;
}

/**
 * Reads a {@link DateInput} as a `Date`, or `undefined` when absent.
 *
 * @throws {InvalidArgumentError} for malformed values.
 * @example
 * ```ts
 * toDate("2026-01-01T00:00:00Z", "startTime");
 * ```
 */
export function toDate(value: DateInput | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(typeof value === "string" && !RFC3339.test(value) ? Number.NaN : value);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(
      field,
      `malformed time ${JSON.stringify(String(value))}`,
      "a valid Date, epoch ms, or RFC 3339 with a zone (2026-01-01T00:00:00Z)",
    );
  }
  return date;
}

/**
 * Checks an optional time range: both ends well formed, start before end.
 *
 * @throws {InvalidArgumentError}
 * @example
 * ```ts
 * const { startTime, endTime } = validateTimeRange(new Date(2026, 0, 1), undefined);
 * ```
 */
export function validateTimeRange(
  start: DateInput | undefined,
  end: DateInput | undefined,
): {
  /** The start as a `Date`, or `undefined` when not given. */
  startTime: Date | undefined;
  /** The end as a `Date`, or `undefined` when not given. */
  endTime: Date | undefined;
} {
  const startTime = toDate(start, "startTime");
  const endTime = toDate(end, "endTime");
  if (startTime && endTime && startTime >= endTime) {
    throw new InvalidArgumentError(
      "startTime",
      "not before endTime",
      "a startTime earlier than endTime",
    );
  }
  return { startTime, endTime };
}
