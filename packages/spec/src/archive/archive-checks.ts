import type { ArchiveFieldType, ArchiveLayout } from "./archive-catalog.js";

/**
 * Why a record failed its object's check: the field, the type the catalog gives it, and
 * whether it was missing or of another type.
 *
 * @example
 * ```ts
 * const issue: RecordIssue = { field: "time", expected: "timestamp", problem: "type" };
 * ```
 */
export interface RecordIssue {
  readonly field: string;
  readonly expected: ArchiveFieldType;
  readonly problem: "missing" | "type";
}

/**
 * What the reader knows of one catalog object (generated into `ARCHIVE_OBJECTS`).
 *
 * @example
 * ```ts
 * const youtube = ARCHIVE_OBJECTS.filter((o) => "myactivity.youtube" in o.resourceGroups);
 * ```
 */
export interface ArchiveObjectInfo {
  /** `service.object`, unique in the catalog. */
  readonly key: string;
  readonly service: string;
  readonly id: string;
  readonly title: string;
  readonly layout: ArchiveLayout;
  readonly formats: readonly string[];
  /** Resource group → file name patterns (see the catalog's rules). */
  readonly resourceGroups: Readonly<Record<string, readonly string[]>>;
  /** Keys or headers of which one must appear for a file to count as this object. */
  readonly sniff: readonly string[];
  /** The top-level key whose array holds the records, when the array is not the whole file. */
  readonly recordsAt?: string;
  /** For CSV: the most rows (a description, a blank line) that may come before the header. */
  readonly preambleRows?: number;
  readonly fields: readonly { name: string; type: ArchiveFieldType; required: boolean }[];
  /** The generated check of a record, for objects that have records. */
  readonly check:
    | ((record: Readonly<Record<string, unknown>>) => RecordIssue | undefined)
    | undefined;
}

/**
 * Whether a field of this type holds JSON text when it is a CSV cell: the structured types
 * (`object`, `list<string>`, `list<object>`, `json`). The reader parses such cells and checks the
 * parsed value; other cells stay text.
 *
 * @example
 * ```ts
 * holdsJsonInCsv("list<object>"); // true
 * holdsJsonInCsv("timestamp"); // false
 * ```
 */
export function holdsJsonInCsv(type: ArchiveFieldType): boolean {
  return type === "object" || type === "list<string>" || type === "list<object>" || type === "json";
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const INTEGER = /^[+-]?\d+$/;

/**
 * Reads a nested field by its path (dotted catalog names mean nesting in JSON).
 *
 * @example
 * ```ts
 * fieldAt({ snippet: { title: "a" } }, ["snippet", "title"]); // "a"
 * ```
 */
export function fieldAt(
  record: Readonly<Record<string, unknown>>,
  path: readonly string[],
): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Whether a JSON value has a catalog type. Lenient where real files are: int64 may be a
 * string of digits, timestamps are RFC 3339 with or without a zone.
 *
 * @example
 * ```ts
 * isValueOf("2024-01-02T03:04:05Z", "timestamp"); // true
 * ```
 */
export function isValueOf(value: unknown, type: ArchiveFieldType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "url":
      return typeof value === "string" && /^[a-z][a-z0-9+.-]*:/i.test(value);
    case "timestamp":
      return typeof value === "string" && TIMESTAMP.test(value);
    case "integer":
      return (
        (typeof value === "number" && Number.isInteger(value)) ||
        (typeof value === "string" && INTEGER.test(value))
      );
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "list<string>":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    case "list<object>":
      return (
        Array.isArray(value) &&
        value.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))
      );
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "json":
      return true;
  }
}

/**
 * Whether a CSV cell's text has the form of a catalog type. An empty cell counts as absent
 * and is accepted for every type.
 *
 * @example
 * ```ts
 * isCellOf("42", "integer"); // true
 * ```
 */
export function isCellOf(value: unknown, type: ArchiveFieldType): boolean {
  if (typeof value !== "string") return false;
  if (value === "") return true;
  switch (type) {
    case "url":
      return /^[a-z][a-z0-9+.-]*:/i.test(value);
    case "timestamp":
      return TIMESTAMP.test(value) || !Number.isNaN(Date.parse(value));
    case "integer":
      return INTEGER.test(value);
    case "number":
      return value.trim() !== "" && Number.isFinite(Number(value));
    case "boolean":
      return /^(true|false)$/i.test(value);
    default:
      return true;
  }
}
