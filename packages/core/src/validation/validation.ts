import { InvalidArgumentError, quote } from "../errors/invalid-argument-error.js";
import {
  isResource,
  isResourceName,
  RESOURCES,
  type Resource,
  type UnknownResources,
} from "../resources/resources.js";
import { didYouMean } from "./did-you-mean.js";

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

/**
 * @internal Whether a value is a usable job ID: the rule for user input and server answers alike.
 * @example
 * ```ts
 * isJobId("../x"); // false
 * ```
 */
export const isJobId = (id: unknown): id is string =>
  typeof id === "string" && /^[A-Za-z0-9][\w.~-]{0,255}$/.test(id);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Checks a resource list: non-empty, known names (or, with `unknownResources: "allow"`, well
 * formed ones), no duplicates.
 *
 * @throws {InvalidArgumentError} naming the first bad entry, with a "did you mean".
 * @example
 * ```ts
 * const resources = validateResources(["myactivity.youtube"]);
 * validateResources(["pixel.device_data"], "resources", "allow"); // a group newer than RESOURCES
 * ```
 */
export function validateResources(
  resources: unknown,
  field = "resources",
  unknownResources: UnknownResources = "reject",
): Resource[] {
  const allow = unknownResources === "allow";
  const allowed = allow
    ? "distinct group.name resources (lower case, dots, underscores), at least one"
    : "distinct RESOURCES, at least one";
  if (!Array.isArray(resources) || !resources.length) {
    throw new InvalidArgumentError(field, "empty or not an array", allowed);
  }
  resources.forEach((resource, i) => {
    const at = `${field}[${i}]`;
    if (!(allow ? isResourceName(resource) : isResource(resource))) {
      throw new InvalidArgumentError(
        at,
        `${allow ? "malformed" : "unknown"} resource ${quote(resource)}`,
        allowed,
        didYouMean(String(resource), RESOURCES),
      );
    }
    if (resources.indexOf(resource) !== i) {
      throw new InvalidArgumentError(at, `duplicate of ${quote(resource)}`, allowed);
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
  const id = name?.[1] ?? jobIdOrName;
  if (!isJobId(id)) {
    throw new InvalidArgumentError(
      field,
      `bad job ID ${quote(id)}`,
      "[A-Za-z0-9][\\w.~-]{0,255} or archiveJobs/{id}",
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
  if (Number.isNaN(+date)) {
    throw new InvalidArgumentError(
      field,
      `malformed time ${quote(value)}`,
      "a Date, epoch ms, or RFC 3339 with a zone (2026-01-01T00:00:00Z)",
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
    throw new InvalidArgumentError("startTime", "not before endTime", "a startTime before endTime");
  }
  return { startTime, endTime };
}

/**
 * @internal Checks an optional duration: a finite number of at least 0, or `undefined`.
 *
 * @throws {InvalidArgumentError} naming `field`.
 * @example
 * ```ts
 * const maxWaitMs = nonNegative(options.maxWaitMs, "maxWaitMs") ?? 86_400_000;
 * ```
 */
export function nonNegative(value: unknown, field: string): number | undefined {
  if (value === undefined || ((value as number) >= 0 && Number.isFinite(value))) {
    return value as number | undefined;
  }
  throw new InvalidArgumentError(field, `bad value ${quote(value)}`, "a finite number >= 0");
}

/**
 * @internal Whether a host name (as `URL.hostname` gives it) is this machine: `localhost`,
 * 127.0.0.0/8 or `[::1]`.
 * @example
 * ```ts
 * isLoopbackHost(new URL("http://127.0.0.1:8080/").hostname); // true
 * ```
 */
export const isLoopbackHost = (hostname: string): boolean =>
  /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$/i.test(hostname);

/**
 * @internal Whether a URL may receive a token or be handed to a page: `https:`, or `http:` on
 * a loopback host (an emulator served over HTTP). Refuses `javascript:`, `data:` and the like.
 * @example
 * ```ts
 * isSafeUrl("javascript:alert(1)"); // false
 * ```
 */
export function isSafeUrl(url: unknown): boolean {
  // Parsed, so that `http://127.0.0.1@evil/` is read as a request to `evil`.
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return false;
  }
  const { protocol, hostname } = parsed;
  return protocol === "https:" || (protocol === "http:" && isLoopbackHost(hostname));
}
