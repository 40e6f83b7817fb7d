import { ARCHIVE_STATES } from "../client/archive-states.js";
import type { ArchiveStateName } from "../client/archive-types.js";
import { InvalidArgumentError, quote } from "../errors/invalid-argument-error.js";
import { isJobId } from "../validation/validation.js";

/**
 * An export in progress as plain, versioned JSON: what to store between checks (a database
 * row, a queue message, a workflow's state) and hand to `checkArchive` or
 * `resumeArchivePoller`. It holds no token and no URL. Pollers serialized by earlier releases
 * (`poller.serialize()`) are saved exports too.
 *
 * @example
 * ```ts
 * const saved: SavedExport = await startExport(client, { resources: ["myactivity.youtube"] });
 * await db.query("insert into exports (id, saved) values ($1, $2)", [saved.jobId, saved]);
 * ```
 */
export interface SavedExport {
  /** Format version of this object; always 1. */
  version: 1;
  /** The job being watched (the latest one after retries). */
  jobId: string;
  /** Every job of this export, the first one first. */
  jobIds: string[];
  /** How many more times a FAILED job may be retried (0 to 3). */
  retriesLeft: number;
  /** The last state seen; `undefined` before the first check or after a failed check. */
  lastState: ArchiveStateName | undefined;
  /** Checks made of the current job so far (the count restarts after a retry). */
  checks: number;
  /** When the export started (ISO 8601). */
  startedAt: string;
  /** When waiting gives up with `WaitTimeoutError` (ISO 8601). */
  deadline: string;
  /** When the next check is due (ISO 8601). */
  nextCheckAt: string;
}

/** @internal The time `ms` as saved: ISO 8601 in UTC. */
export const iso = (ms: number): string => new Date(ms).toISOString();

const MAX_RETRIES = 3;

/** @internal The default longest wait of an export: 7 days. */
export const DEFAULT_MAX_WAIT_MS = 7 * 86_400_000;

/**
 * @internal The first saved export of a job: no check made yet, the first one due `now`.
 * @example
 * ```ts
 * const saved = newSavedExport("job-1", Date.now(), 7 * 86_400_000, 3);
 * ```
 */
export function newSavedExport(
  jobId: string,
  now: number,
  maxWaitMs: number,
  retries: number,
): SavedExport {
  return {
    version: 1,
    jobId,
    jobIds: [jobId],
    retriesLeft: retries,
    lastState: undefined,
    checks: 0,
    startedAt: iso(now),
    deadline: iso(now + maxWaitMs),
    nextCheckAt: iso(now),
  };
}

/**
 * @internal How many retries of a FAILED job `retryFailed` asks for: `true` means the API's
 * limit of 3, a count above 3 is cut to 3.
 * @throws {InvalidArgumentError} for anything but a boolean or a whole number of at least 0.
 * @example
 * ```ts
 * retriesFor(true); // 3
 * ```
 */
export function retriesFor(retryFailed: unknown, field = "retryFailed"): number {
  if (retryFailed === undefined || typeof retryFailed === "boolean") {
    return retryFailed ? MAX_RETRIES : 0;
  }
  if (!Number.isInteger(retryFailed) || (retryFailed as number) < 0) {
    throw new InvalidArgumentError(
      field,
      `bad value ${quote(retryFailed)}`,
      "true, false, or a whole number of retries (at most 3 are made)",
    );
  }
  return Math.min(MAX_RETRIES, retryFailed as number);
}

const isIsoTime = (value: unknown): value is string =>
  typeof value === "string" && !Number.isNaN(Date.parse(value)) && iso(Date.parse(value)) === value;

/**
 * @internal Reads a saved export (an object or its JSON text) and checks every field and how
 * the fields agree, so that a value that is not ours, from an unknown version, or edited is
 * refused before any request.
 * @throws {InvalidArgumentError} naming the first bad field, e.g. `saved.retriesLeft`.
 * @example
 * ```ts
 * const saved = parseSavedExport(row.saved, "saved");
 * ```
 */
export function parseSavedExport(value: unknown, field: string): SavedExport {
  let saved = value;
  if (typeof value === "string") {
    try {
      saved = JSON.parse(value);
    } catch {
      throw new InvalidArgumentError(field, "not JSON", "a saved export or its JSON text");
    }
  }
  const fail = (key: string, problem: string, allowed: string): never => {
    throw new InvalidArgumentError(key ? `${field}.${key}` : field, problem, allowed);
  };
  if (typeof saved !== "object" || saved === null || Array.isArray(saved)) {
    return fail("", "not an object", "a saved export (startExport, checkArchive, serialize())");
  }
  const s = saved as Record<string, unknown>;
  if (s["version"] !== 1) fail("version", `unknown version ${quote(s["version"])}`, "1");
  const jobIds = s["jobIds"];
  if (
    !Array.isArray(jobIds) ||
    !jobIds.length ||
    jobIds.length > MAX_RETRIES + 1 ||
    !jobIds.every(isJobId)
  ) {
    fail("jobIds", "not a list of 1 to 4 job IDs", "the job IDs of this export, first one first");
  }
  const ids = jobIds as string[];
  if (s["jobId"] !== ids.at(-1)) fail("jobId", "not the last of jobIds", "the latest job ID");
  const retriesLeft = s["retriesLeft"];
  if (
    !Number.isInteger(retriesLeft) ||
    (retriesLeft as number) < 0 ||
    (retriesLeft as number) + ids.length - 1 > MAX_RETRIES
  ) {
    fail("retriesLeft", "out of range", "0 to 3, with the retries made at most 3 in all");
  }
  const lastState = s["lastState"];
  if (lastState !== undefined && !ARCHIVE_STATES.includes(lastState as ArchiveStateName)) {
    fail("lastState", "not an archive state", ARCHIVE_STATES.join(", "));
  }
  // Pollers serialized before their first check carry no `checks`.
  const checks = s["checks"] ?? 0;
  if (!Number.isInteger(checks) || (checks as number) < 0) {
    fail("checks", "not a count", "a whole number of at least 0");
  }
  for (const key of ["startedAt", "deadline", "nextCheckAt"]) {
    if (!isIsoTime(s[key])) fail(key, "not an ISO 8601 time", "an ISO time as saved (toISOString)");
  }
  const deadline = Date.parse(s["deadline"] as string);
  if (Date.parse(s["startedAt"] as string) > deadline) {
    fail("deadline", "before startedAt", "a time after startedAt");
  }
  if (Date.parse(s["nextCheckAt"] as string) > deadline) {
    fail("nextCheckAt", "after the deadline", "a time no later than deadline");
  }
  return {
    version: 1,
    jobId: ids.at(-1)!,
    jobIds: [...ids],
    retriesLeft: retriesLeft as number,
    lastState: lastState as ArchiveStateName | undefined,
    checks: checks as number,
    startedAt: s["startedAt"] as string,
    deadline: s["deadline"] as string,
    nextCheckAt: s["nextCheckAt"] as string,
  };
}
