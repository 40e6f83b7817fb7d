import type { Resource } from "@dataportability/spec";
import {
  ARCHIVE_OBJECTS,
  type ArchiveFieldType,
  type ArchiveObjectInfo,
} from "@dataportability/spec/archive";

/** One field of a generated record: a value of a catalog type, or a nested object of fields. */
export interface ShapeField {
  readonly name: string;
  /** In every record: required by the catalog, or holding the record's first timestamp. */
  readonly required: boolean;
  readonly type: ArchiveFieldType;
  /** Set for a dotted catalog name's parent (`purchaseHistory` of `purchaseHistory.doc`). */
  readonly children?: readonly ShapeField[];
}

/** How the records of one catalog object are written: its file's frame and its fields. */
export interface RecordShape {
  /** `service.object` in the catalog. */
  readonly key: string;
  readonly csv: boolean;
  /** Bytes before the first record: `[` (after `{"recordsAt":` when set) and a newline, or the CSV header row. */
  readonly head: Uint8Array;
  /** Bytes after the last record. */
  readonly tail: Uint8Array;
  readonly fields: readonly ShapeField[];
  /** The catalog's first file name pattern for the resource group. */
  readonly pattern: string;
}

/** How the files of a catalog object without records (media, HTML, single JSON objects) are written. */
export interface FixedFileShape {
  /** `service.object` in the catalog. */
  readonly key: string;
  readonly title: string;
  readonly layout: "json-object" | "html" | "media";
  /** The catalog's first file name pattern for the resource group. */
  readonly pattern: string;
  /** The fields of a `json-object` file, nested like a JSON record's (none for other layouts). */
  readonly fields: readonly ShapeField[];
}

/** The extra CSV column that pads every row to the same width (the reader ignores unknown columns). */
export const CSV_PADDING_COLUMN = "emulator_padding";

/** The description line the emulator writes before the header where the catalog allows a preamble. */
export const CSV_PREAMBLE = "Ideas for a weekend away";

const encoder = new TextEncoder();

type CatalogField = ArchiveObjectInfo["fields"][number];

// Dotted catalog names mean nesting in JSON: `a.b` and `a.c` become one object `a` with `b`, `c`.
function nest(fields: readonly CatalogField[]): ShapeField[] {
  const byName = new Map<string, { field: CatalogField; children: CatalogField[] }>();
  for (const field of fields) {
    const [head, ...rest] = field.name.split(".") as [string, ...string[]];
    const entry = byName.get(head) ?? {
      field: { ...field, name: head, required: false },
      children: [],
    };
    byName.set(head, entry);
    if (rest.length === 0) entry.field = field;
    else {
      entry.children.push({ ...field, name: rest.join(".") });
      entry.field = { ...entry.field, required: entry.field.required || field.required };
    }
  }
  return [...byName.values()].map(({ field, children }) =>
    children.length > 0
      ? { name: field.name, required: field.required, type: "object", children: nest(children) }
      : { name: field.name, required: field.required, type: field.type },
  );
}

/**
 * Integer fields with such names hold a time in microseconds since the epoch (Chrome's
 * `time_usec`): the emulator writes the record's time there.
 *
 * @example
 * ```ts
 * MICROSECONDS_FIELD.test("time_usec"); // true
 * ```
 */
export const MICROSECONDS_FIELD = /usec$/i;

// The record's time is in every record: its first timestamp (patched into each record), or else
// its microseconds.
function withTime(fields: readonly CatalogField[]): CatalogField[] {
  let first = fields.findIndex((field) => field.type === "timestamp");
  if (first < 0) {
    first = fields.findIndex((f) => f.type === "integer" && MICROSECONDS_FIELD.test(f.name));
  }
  return fields.map((field, i) => (i === first ? { ...field, required: true } : field));
}

/**
 * The shape the emulator writes an object's records in, its files named after `pattern`.
 *
 * @example
 * ```ts
 * recordShape(ARCHIVE_OBJECTS[0]!, "My Activity/YouTube/*.json").head; // the bytes of "[\n"
 * ```
 */
export function recordShape(object: ArchiveObjectInfo, pattern: string): RecordShape {
  const csv = object.layout === "csv";
  const fields = withTime(object.fields);
  const wrapper = object.recordsAt;
  const header = [...object.fields.map((f) => f.name), CSV_PADDING_COLUMN].join(",");
  // Rows before the header, where the catalog allows them: a description and a blank line.
  const preamble =
    object.preambleRows === undefined
      ? ""
      : `${CSV_PREAMBLE}\n${object.preambleRows > 1 ? "\n" : ""}`;
  return {
    key: object.key,
    csv,
    head: encoder.encode(
      csv ? `${preamble}${header}\n` : `${wrapper ? `{${JSON.stringify(wrapper)}:` : ""}[\n`,
    ),
    tail: encoder.encode(csv ? "" : wrapper ? "]}\n" : "]\n"),
    fields: csv
      ? fields.map((f) => ({ name: f.name, required: f.required, type: f.type }))
      : nest(fields),
    pattern,
  };
}

const shapes = new Map<string, readonly RecordShape[]>();

/**
 * The catalog objects with records (JSON arrays and CSV tables with fields) that a resource
 * group exports, each with the shape the emulator writes its records in. Empty for groups the
 * catalog has no record object for: those keep the emulator's generic records.
 *
 * @example
 * ```ts
 * recordShapes("myactivity.youtube")[0]?.pattern; // "My Activity/YouTube/*.json"
 * ```
 */
export function recordShapes(resource: Resource): readonly RecordShape[] {
  let found = shapes.get(resource);
  if (!found) {
    found = ARCHIVE_OBJECTS.flatMap((object) => {
      const patterns = object.resourceGroups[resource];
      const hasRecords = object.layout === "json-array" || object.layout === "csv";
      return patterns?.[0] && hasRecords && object.fields.length > 0
        ? [recordShape(object, patterns[0])]
        : [];
    });
    shapes.set(resource, found);
  }
  return found;
}

/**
 * A file path that a catalog name pattern matches: the first of each `{a,b}`, no folder for
 * `**`, nothing for `*` (the last one takes the part label). A name left without a leading
 * letter or digit starts with `fallback`.
 *
 * @example
 * ```ts
 * pathFromPattern("My Activity/YouTube/*.json", "MyActivity", "-001"); // "My Activity/YouTube/MyActivity-001.json"
 * pathFromPattern("{Shopping,Google Shopping}/*address*.csv", "addresses", ""); // "Shopping/address.csv"
 * ```
 */
export function pathFromPattern(pattern: string, fallback: string, partLabel: string): string {
  const plain = pattern.replace(/\{([^},]*)[^}]*\}/g, "$1").replace(/\*\*\//g, "");
  const folders = plain.split("/");
  const name = folders.pop()!;
  const stars = name.split("*");
  let file =
    stars.length > 1
      ? `${stars.slice(0, -1).join("")}${partLabel}${stars[stars.length - 1]}`
      : name;
  if (!/^[a-z0-9]/i.test(file)) file = `${fallback}${file}`;
  const path = folders.map((f) => f.replaceAll("*", "")).filter((f) => f !== "");
  return [...path, file].join("/");
}

/**
 * Whether a pattern's file name has a `*`, so numbered parts can share the folder.
 *
 * @example
 * ```ts
 * splittable("YouTube/channels/channel.csv"); // false
 * ```
 */
export function splittable(pattern: string): boolean {
  return pattern.slice(pattern.lastIndexOf("/") + 1).includes("*");
}

const fixedShapesByGroup = new Map<string, readonly FixedFileShape[]>();

/**
 * The catalog objects without records (media, HTML, single-object JSON files) that a resource
 * group exports, each with the pattern its files are named after and, for JSON objects, the
 * fields the emulator writes.
 *
 * @example
 * ```ts
 * fixedShapes("chrome.bookmarks")[0]?.layout; // "html"
 * ```
 */
export function fixedShapes(resource: Resource): readonly FixedFileShape[] {
  let found = fixedShapesByGroup.get(resource);
  if (!found) {
    found = ARCHIVE_OBJECTS.flatMap((object) => {
      const pattern = object.resourceGroups[resource]?.[0];
      const { layout } = object;
      if (!pattern || (layout !== "json-object" && layout !== "html" && layout !== "media")) {
        return [];
      }
      const fields = layout === "json-object" ? nest(withTime(object.fields)) : [];
      return [{ key: object.key, title: object.title, layout, pattern, fields }];
    });
    fixedShapesByGroup.set(resource, found);
  }
  return found;
}
