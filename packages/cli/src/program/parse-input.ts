import { didYouMean, isResourceName } from "@dataportability/core";
import { RESOURCES, type Resource } from "@dataportability/spec";
import { usageError } from "../errors/cli-error.js";

/**
 * Resource names from `--resource` values: each value may hold several names separated by
 * commas, and `group.*` stands for every resource of a group. Unknown names are refused with the
 * closest valid one, unless `allowUnknown` (`--allow-unknown-resource`) lets well-formed ones
 * through to Google.
 *
 * @throws {CliError} exit code 2 for an unknown resource or an empty list.
 * @example
 * ```ts
 * parseResources(["myactivity.youtube,myactivity.search", "chrome.*"]);
 * parseResources(["pixel.device_data"], true); // a group newer than this version
 * ```
 */
export function parseResources(
  values: readonly string[] | undefined,
  allowUnknown = false,
): Resource[] {
  const names = (values ?? [])
    .flatMap((value) => value.split(","))
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) {
    throw usageError(
      "No resource given.",
      "Name at least one with --resource, e.g. --resource myactivity.youtube; `dataportability resources` lists them all.",
    );
  }
  const result = new Set<Resource>();
  for (const name of names) {
    if (name.endsWith(".*")) {
      const prefix = name.slice(0, -1);
      const matches = RESOURCES.filter((resource) => resource.startsWith(prefix));
      if (matches.length === 0) throw unknownResource(name);
      for (const match of matches) result.add(match);
    } else if ((RESOURCES as readonly string[]).includes(name)) {
      result.add(name as Resource);
    } else if (allowUnknown && isResourceName(name)) {
      result.add(name as Resource);
    } else {
      throw unknownResource(name);
    }
  }
  return [...result];
}

function unknownResource(name: string): Error {
  const suggestion = closest(name, RESOURCES);
  return usageError(
    `Unknown resource "${name}"${suggestion ? `; did you mean "${suggestion}"?` : "."}`,
    "Run `dataportability resources` to list the resource groups.",
  );
}

/** Core's typo suggestion, or a resource whose group or name is exactly what was typed. */
function closest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  return (
    didYouMean(needle, candidates) ??
    candidates.find((c) => c.endsWith(`.${needle}`) || c.startsWith(`${needle}.`))
  );
}

const RELATIVE = /^(\d+)\s*(d|h|w)$/i;
const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A point in time from `--since` / `--until`: an ISO 8601 date (`2026-01-31`, read as UTC
 * midnight) or date-time, or a span back from now such as `30d`, `12h`, `2w`.
 *
 * @throws {CliError} exit code 2 for anything else.
 * @example
 * ```ts
 * parseMoment("--since", "2026-01-01"); // 2026-01-01T00:00:00.000Z
 * parseMoment("--since", "30d", new Date("2026-02-01T00:00:00Z")); // 2026-01-02T00:00:00.000Z
 * ```
 */
export function parseMoment(option: string, value: string, now: Date = new Date()): Date {
  const relative = RELATIVE.exec(value.trim());
  if (relative) {
    return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!);
  }
  const isoLike = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
  const date = isoLike.test(value.trim())
    ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value)
    : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw usageError(
      `${option} "${value}" is not a date.`,
      `Use an ISO 8601 date or date-time (2026-01-31, 2026-01-31T12:00:00Z) or a span back from now (30d, 12h, 2w).`,
    );
  }
  return date;
}

/**
 * A job ID from the command line: the bare ID or the `archiveJobs/<id>/...` name the API returns.
 *
 * @throws {CliError} exit code 2 for an empty or malformed value.
 * @example
 * ```ts
 * parseJobId("archiveJobs/abc123/portabilityArchiveState"); // "abc123"
 * ```
 */
export function parseJobId(value: string | undefined): string {
  const raw = (value ?? "").trim();
  const match = /^(?:archiveJobs\/)?([^/\s]+)(?:\/portabilityArchiveState)?$/.exec(raw);
  if (!match) {
    throw usageError(
      raw ? `"${raw}" is not a job ID.` : "No job ID given.",
      "Pass the job ID printed by `dataportability export` (or an archiveJobs/<id> name).",
    );
  }
  return match[1]!;
}

/**
 * A duration such as `90s`, `15m`, `12h`, `7d` (or plain milliseconds) in milliseconds.
 *
 * @throws {CliError} exit code 2 for anything else.
 * @example
 * ```ts
 * parseDuration("--timeout", "12h"); // 43_200_000
 * ```
 */
export function parseDuration(option: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d|w)?$/i.exec(value.trim());
  const units: Record<string, number> = {
    ms: 1,
    s: 1000,
    m: 60_000,
    min: 60_000,
    h: 3_600_000,
    d: 86_400_000,
    w: 604_800_000,
  };
  const ms = match ? Number(match[1]) * units[(match[2] ?? "ms").toLowerCase()]! : Number.NaN;
  if (!(ms > 0)) {
    throw usageError(`${option} "${value}" is not a duration.`, "Use e.g. 90s, 15m, 12h or 7d.");
  }
  return ms;
}

/**
 * `--slices`: ranged requests fetching one large archive at once, a whole number from 1 (one
 * stream) to 16.
 *
 * @throws {CliError} exit code 2 for anything else.
 * @example
 * ```ts
 * parseSlices("8"); // 8
 * ```
 */
export function parseSlices(value: string): number {
  const slices = Number(value);
  if (!Number.isInteger(slices) || slices < 1 || slices > 16) {
    throw usageError(
      `--slices "${value}" is not a whole number from 1 to 16.`,
      "Use e.g. --slices 8, or --slices 1 for one stream per archive.",
    );
  }
  return slices;
}
