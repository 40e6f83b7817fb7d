import { type components, RESOURCES, type Resource, SCOPE_PREFIX } from "@dataportability/spec";
import { formatTimestamp, parseTimestamp, type Timestamp } from "../clock/rfc3339.js";

/** One invalid field of a request, as a `google.rpc.BadRequest` lists it. */
export type FieldViolation = components["schemas"]["FieldViolation"];

/** A valid `initiate` request, normalised. */
export interface InitiateRequest {
  readonly resources: readonly Resource[];
  readonly startTime?: string;
  readonly endTime?: string;
  readonly startMs?: number;
  readonly endMs?: number;
}

const KNOWN_FIELDS = new Set(["resources", "startTime", "endTime", "start_time", "end_time"]);
const RESOURCE_SET: ReadonlySet<string> = new Set(RESOURCES);

function parseTime(
  value: unknown,
  field: string,
  violations: FieldViolation[],
): Timestamp | undefined {
  if (value === undefined) return undefined;
  const parsed = typeof value === "string" ? parseTimestamp(value) : undefined;
  if (!parsed) {
    violations.push({
      field,
      description: `Invalid value at '${field}' (type.googleapis.com/google.protobuf.Timestamp), Field '${field}', Invalid time format: ${JSON.stringify(value)}; expected RFC 3339 such as "2024-01-01T00:00:00Z"`,
    });
    return undefined;
  }
  return parsed;
}

/**
 * Validates an `initiate` body the way the API does, listing every bad field: missing or unknown
 * resources, unknown fields, malformed timestamps, `startTime` after `endTime` or in the future.
 *
 * @example
 * ```ts
 * validateInitiateRequest({ resources: ["nope"] }, Date.now());
 * // { ok: false, violations: [{ field: "resources[0]", description: "…" }] }
 * ```
 */
export function validateInitiateRequest(
  body: unknown,
  nowMs: number,
): { ok: true; request: InitiateRequest } | { ok: false; violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return {
      ok: false,
      violations: [
        { field: "", description: "Invalid JSON payload received. Expected an object." },
      ],
    };
  }
  const input = body as Record<string, unknown>;
  for (const name of Object.keys(input)) {
    if (!KNOWN_FIELDS.has(name)) {
      violations.push({
        field: name,
        description: `Invalid JSON payload received. Unknown name "${name}": Cannot find field.`,
      });
    }
  }
  const resources: Resource[] = [];
  const raw = input["resources"];
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
    violations.push({
      field: "resources",
      description: 'At least one resource is required, such as "myactivity.youtube".',
    });
  } else if (!Array.isArray(raw)) {
    violations.push({ field: "resources", description: "Must be a list of resource names." });
  } else {
    raw.forEach((value, i) => {
      if (typeof value === "string" && RESOURCE_SET.has(value)) {
        if (!resources.includes(value as Resource)) resources.push(value as Resource);
        return;
      }
      const hint =
        typeof value === "string" && value.startsWith(SCOPE_PREFIX)
          ? ` Pass the resource name "${value.slice(SCOPE_PREFIX.length)}", not the scope.`
          : "";
      violations.push({
        field: `resources[${i}]`,
        description: `Unknown resource ${JSON.stringify(value)}.${hint}`,
      });
    });
  }
  const startField = "startTime" in input ? "startTime" : "start_time";
  const endField = "endTime" in input ? "endTime" : "end_time";
  const start = parseTime(input[startField], startField, violations);
  const end = parseTime(input[endField], endField, violations);
  if (start && start.ms > nowMs) {
    violations.push({ field: startField, description: "startTime must not be in the future." });
  }
  if (start && end && (start.ms - end.ms || start.subMsNanos - end.subMsNanos) >= 0) {
    violations.push({ field: endField, description: "endTime must be after startTime." });
  }
  if (violations.length > 0) return { ok: false, violations };
  return {
    ok: true,
    request: {
      resources,
      ...(start
        ? { startTime: formatTimestamp(start.ms, start.subMsNanos), startMs: start.ms }
        : {}),
      ...(end ? { endTime: formatTimestamp(end.ms, end.subMsNanos), endMs: end.ms } : {}),
    },
  };
}
