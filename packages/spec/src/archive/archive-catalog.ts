/**
 * The archive catalog (`spec/archive-schema/*.json`): what each service's archive files hold,
 * written by us from Google's schema reference pages. It is the second codegen input, beside
 * the discovery document: {@link renderArchiveSchema} turns it into record types, validators
 * and the metadata the `@dataportability/archive` reader matches files with.
 */

/**
 * A field's type. JSON files carry these as JSON values; CSV cells are text, checked for the
 * type's form. `json` means "any JSON value": Google's pages call some fields strings that real
 * files hold as lists of objects (My Activity's `subtitles`), so the catalog does not narrow
 * them. In a CSV object, a structured type (`object`, `list<string>`, `list<object>`, `json`)
 * says the cell holds JSON text: the reader parses it and checks the parsed value.
 *
 * @example
 * ```ts
 * const type: ArchiveFieldType = "timestamp";
 * ```
 */
export type ArchiveFieldType =
  | "string"
  | "url"
  | "timestamp"
  | "integer"
  | "number"
  | "boolean"
  | "list<string>"
  | "list<object>"
  | "object"
  | "json";

/**
 * How an object's records are stored in a file: one JSON array of records, one JSON object per
 * file, a CSV table with a header row, or a media file (image, audio, video) that is handed over
 * as bytes and never parsed. HTML-only objects (Chrome bookmarks) are `html`: recognised and
 * handed over as bytes, like media.
 *
 * @example
 * ```ts
 * const layout: ArchiveLayout = "csv";
 * ```
 */
export type ArchiveLayout = "json-array" | "json-object" | "csv" | "media" | "html";

/**
 * All layouts, in the order the catalog documents them.
 *
 * @example
 * ```ts
 * ARCHIVE_LAYOUTS.includes("csv"); // true
 * ```
 */
export const ARCHIVE_LAYOUTS: readonly ArchiveLayout[] = [
  "json-array",
  "json-object",
  "csv",
  "media",
  "html",
];

/**
 * All field types.
 *
 * @example
 * ```ts
 * ARCHIVE_FIELD_TYPES.includes("url"); // true
 * ```
 */
export const ARCHIVE_FIELD_TYPES: readonly ArchiveFieldType[] = [
  "string",
  "url",
  "timestamp",
  "integer",
  "number",
  "boolean",
  "list<string>",
  "list<object>",
  "object",
  "json",
];

/**
 * One field of an exported object.
 *
 * @example
 * ```ts
 * const field: ArchiveField = { name: "time", type: "timestamp", about: "When it happened." };
 * ```
 */
export interface ArchiveField {
  /** The JSON key or CSV header, exactly as it appears in English archives. Dots mean nesting. */
  name: string;
  type: ArchiveFieldType;
  /** Present in every record. Google says most fields may be missing, so most are not. */
  required?: boolean;
  /** A short description in our own words. */
  about?: string;
}

/**
 * One kind of thing a service exports (Google's "exported object").
 *
 * @example
 * ```ts
 * const object: ArchiveObject = {
 *   id: "activity",
 *   title: "Activity record",
 *   summary: "One thing the user did.",
 *   formats: ["json"],
 *   layout: "json-array",
 *   resourceGroups: { "myactivity.youtube": ["My Activity/YouTube/*.json"] },
 *   fields: [{ name: "time", type: "timestamp" }],
 * };
 * ```
 */
export interface ArchiveObject {
  /** Unique within its service; `service.id` is unique in the catalog. */
  id: string;
  title: string;
  summary: string;
  /** Formats Google lists for the object (json, csv, html, jpeg, …). */
  formats: string[];
  /** How the reader finds records in the object's files. */
  layout: ArchiveLayout;
  /**
   * For each resource group that exports the object, name patterns of its files: matched
   * case-insensitively against the end of an entry's path, `*` within one folder, `**` across
   * folders, `{a,b}` alternatives. Google promises no paths: these are what archives have been
   * seen to use, and `sniff` confirms the content.
   */
  resourceGroups: Record<string, string[]>;
  /** JSON keys or CSV headers of which at least one must appear for a file to count as this object. */
  sniff?: string[];
  /**
   * For a `json-array` object whose array is not the whole file but the value of a key of the
   * file's top-level object (`{"Browser History": [...]}`, GeoJSON's `features`): that key.
   */
  recordsAt?: string;
  /**
   * For a `csv` object whose files may open with rows before the header (a saved collection's
   * description and a blank line): the most such rows. The reader takes the first row that
   * looks like the object's header (see `sniff`) as the header and skips the rows before it.
   */
  preambleRows?: number;
  fields: ArchiveField[];
}

/**
 * One catalog file: a service's schema reference page, as we read it.
 *
 * @example
 * ```ts
 * const service: ArchiveService = {
 *   service: "my_activity",
 *   title: "My Activity",
 *   page: "https://developers.google.com/data-portability/schema-reference/my_activity",
 *   read: "2026-12-06",
 *   objects: [],
 * };
 * ```
 */
export interface ArchiveService {
  /** The page's slug: `https://developers.google.com/data-portability/schema-reference/<service>`. */
  service: string;
  title: string;
  /** The page the facts were read from. */
  page: string;
  /** The day they were read (YYYY-MM-DD). */
  read: string;
  objects: ArchiveObject[];
}

/** A catalog file that breaks the catalog's rules; names the file and the field. */
export class ArchiveCatalogError extends Error {
  override readonly name = "ArchiveCatalogError";
}

const NAME = /^[a-z][a-z0-9_]*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function fail(where: string, problem: string): never {
  throw new ArchiveCatalogError(`${where}: ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    fail(where, "must be a list of strings");
  }
  return value as string[];
}

function text(value: unknown, where: string): string {
  if (typeof value !== "string" || value.trim() === "") fail(where, "must be a non-empty string");
  return value;
}

function parseField(value: unknown, where: string): ArchiveField {
  if (!isRecord(value)) fail(where, "must be an object");
  const type = value.type as ArchiveFieldType;
  if (!ARCHIVE_FIELD_TYPES.includes(type)) {
    fail(
      `${where}.type`,
      `is ${JSON.stringify(value.type)}; allowed: ${ARCHIVE_FIELD_TYPES.join(", ")}`,
    );
  }
  const field: ArchiveField = { name: text(value.name, `${where}.name`), type };
  if (value.required !== undefined) {
    if (typeof value.required !== "boolean") fail(`${where}.required`, "must be true or false");
    field.required = value.required;
  }
  if (value.about !== undefined) field.about = text(value.about, `${where}.about`);
  return field;
}

function parseObject(value: unknown, where: string, groups: ReadonlySet<string>): ArchiveObject {
  if (!isRecord(value)) fail(where, "must be an object");
  const id = text(value.id, `${where}.id`);
  if (!NAME.test(id))
    fail(`${where}.id`, `${JSON.stringify(id)} must be lower case with underscores`);
  const layout = value.layout as ArchiveLayout;
  if (!ARCHIVE_LAYOUTS.includes(layout)) {
    fail(
      `${where}.layout`,
      `is ${JSON.stringify(value.layout)}; allowed: ${ARCHIVE_LAYOUTS.join(", ")}`,
    );
  }
  if (!isRecord(value.resourceGroups) || Object.keys(value.resourceGroups).length === 0) {
    fail(`${where}.resourceGroups`, "must map at least one resource group to file patterns");
  }
  const resourceGroups: Record<string, string[]> = {};
  for (const [group, patterns] of Object.entries(value.resourceGroups)) {
    if (!groups.has(group))
      fail(`${where}.resourceGroups`, `${group} is not a resource group of the pinned revision`);
    const list = stringList(patterns, `${where}.resourceGroups.${group}`);
    if (list.length === 0)
      fail(`${where}.resourceGroups.${group}`, "needs at least one file pattern");
    resourceGroups[group] = list;
  }
  if (!Array.isArray(value.fields)) fail(`${where}.fields`, "must be a list");
  const fields = value.fields.map((field, i) => parseField(field, `${where}.fields[${i}]`));
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.name)) fail(`${where}.fields`, `${field.name} appears twice`);
    seen.add(field.name);
  }
  const object: ArchiveObject = {
    id,
    title: text(value.title, `${where}.title`),
    summary: text(value.summary, `${where}.summary`),
    formats: stringList(value.formats, `${where}.formats`),
    layout,
    resourceGroups,
    fields,
  };
  if (value.sniff !== undefined) object.sniff = stringList(value.sniff, `${where}.sniff`);
  if (value.recordsAt !== undefined) {
    if (layout !== "json-array") fail(`${where}.recordsAt`, "applies to json-array objects only");
    object.recordsAt = text(value.recordsAt, `${where}.recordsAt`);
  }
  if (value.preambleRows !== undefined) {
    if (layout !== "csv") fail(`${where}.preambleRows`, "applies to csv objects only");
    const rows = value.preambleRows;
    if (typeof rows !== "number" || !Number.isInteger(rows) || rows < 1 || rows > 20) {
      fail(`${where}.preambleRows`, "must be a whole number from 1 to 20");
    }
    object.preambleRows = rows;
  }
  if ((layout === "json-array" || layout === "csv") && fields.length === 0) {
    fail(`${where}.fields`, `a ${layout} object needs its fields`);
  }
  return object;
}

/**
 * Checks one catalog file against the catalog's rules and the pinned revision's resource
 * groups, and returns it typed. Throws {@link ArchiveCatalogError} naming the file and field.
 *
 * @example
 * ```ts
 * const service = parseArchiveService(JSON.parse(text), "my_activity.json", RESOURCES);
 * ```
 */
export function parseArchiveService(
  value: unknown,
  file: string,
  resourceGroups: readonly string[],
): ArchiveService {
  if (!isRecord(value)) fail(file, "must hold a JSON object");
  const service = text(value.service, `${file}: service`);
  if (!NAME.test(service))
    fail(`${file}: service`, "must be the page's slug (lower case, underscores)");
  const read = text(value.read, `${file}: read`);
  if (!DAY.test(read)) fail(`${file}: read`, "must be a day, YYYY-MM-DD");
  const page = text(value.page, `${file}: page`);
  if (!page.startsWith("https://developers.google.com/data-portability/schema-reference/")) {
    fail(`${file}: page`, "must be a page of Google's Data Portability schema reference");
  }
  if (!Array.isArray(value.objects) || value.objects.length === 0)
    fail(`${file}: objects`, "must list the exported objects");
  const groups = new Set(resourceGroups);
  const objects = value.objects.map((object, i) =>
    parseObject(object, `${file}: objects[${i}]`, groups),
  );
  const ids = new Set<string>();
  for (const object of objects) {
    if (ids.has(object.id)) fail(`${file}: objects`, `${object.id} appears twice`);
    ids.add(object.id);
  }
  return { service, title: text(value.title, `${file}: title`), page, read, objects };
}

/**
 * Resource groups of the pinned revision that no object of the catalog exports.
 *
 * @example
 * ```ts
 * uncoveredResourceGroups(services, RESOURCES); // [] when the catalog is complete
 * ```
 */
export function uncoveredResourceGroups(
  services: readonly ArchiveService[],
  resourceGroups: readonly string[],
): string[] {
  const covered = new Set(
    services.flatMap((s) => s.objects.flatMap((o) => Object.keys(o.resourceGroups))),
  );
  return resourceGroups.filter((group) => !covered.has(group));
}
