import { GENERATED_HEADER } from "../converter/render-metadata.js";
import type {
  ArchiveField,
  ArchiveFieldType,
  ArchiveObject,
  ArchiveService,
} from "./archive-catalog.js";
import { holdsJsonInCsv } from "./archive-checks.js";

const q = (value: unknown) => JSON.stringify(value);

function pascal(...parts: string[]): string {
  return parts
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** The TypeScript type of a field's value: CSV cells are text, unless they hold JSON. */
function valueType(type: ArchiveFieldType, csv: boolean): string {
  if (csv && !holdsJsonInCsv(type)) return "string";
  switch (type) {
    case "string":
    case "url":
    case "timestamp":
      return "string";
    case "integer":
      // int64 values arrive as JSON strings as often as numbers (proto3's JSON mapping).
      return "number | string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "list<string>":
      return "readonly string[]";
    case "list<object>":
      return "ReadonlyArray<Readonly<Record<string, unknown>>>";
    case "object":
      return "Readonly<Record<string, unknown>>";
    case "json":
      return "unknown";
  }
}

interface TypeNode {
  field?: ArchiveField;
  children: Map<string, TypeNode>;
}

// Dotted names mean nesting in JSON files ("snippet.title" is { snippet: { title } }); in CSV
// files the dotted name is the column header itself.
function fieldTree(fields: readonly ArchiveField[], csv: boolean): TypeNode {
  const root: TypeNode = { children: new Map() };
  for (const field of fields) {
    const path = csv ? [field.name] : field.name.split(".");
    let node = root;
    for (const key of path) {
      let child = node.children.get(key);
      if (!child) {
        child = { children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
    node.field = field;
  }
  return root;
}

const key = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : q(name));

// A group of fields is present in every record when one of its fields is.
function required(node: TypeNode): boolean {
  return node.field?.required === true || [...node.children.values()].some(required);
}

function renderMembers(node: TypeNode, csv: boolean, indent: string): string[] {
  const lines: string[] = [];
  for (const [name, child] of node.children) {
    const optional = required(child) ? "" : "?";
    const about =
      child.field?.about ??
      (child.field ? `The \`${child.field.name}\` field.` : `The \`${name}\` group of fields.`);
    lines.push(`${indent}/** ${about.replaceAll("*/", "*\\/")} */`);
    if (child.children.size > 0) {
      lines.push(`${indent}readonly ${key(name)}${optional}: {`);
      lines.push(...renderMembers(child, csv, `${indent}  `));
      lines.push(`${indent}  readonly [field: string]: unknown;`);
      lines.push(`${indent}};`);
    } else {
      lines.push(
        `${indent}readonly ${key(name)}${optional}: ${valueType(child.field!.type, csv)};`,
      );
    }
  }
  return lines;
}

const HAS_RECORDS = new Set(["json-array", "json-object", "csv"]);

function renderCheck(name: string, object: ArchiveObject): string[] {
  const csv = object.layout === "csv";
  const lines = [
    `function ${name}(record: Readonly<Record<string, unknown>>): RecordIssue | undefined {`,
    "  let value: unknown;",
  ];
  for (const field of object.fields) {
    const path = csv ? [field.name] : field.name.split(".");
    lines.push(
      `  value = ${path.length === 1 ? `record[${q(field.name)}]` : `fieldAt(record, ${q(path)})`};`,
    );
    // The reader has parsed a CSV cell that holds JSON: its value is checked like JSON's.
    const test =
      csv && !holdsJsonInCsv(field.type)
        ? `isCellOf(value, ${q(field.type)})`
        : `isValueOf(value, ${q(field.type)})`;
    if (field.required) {
      lines.push(
        `  if (value === undefined) return { field: ${q(field.name)}, expected: ${q(field.type)}, problem: "missing" };`,
      );
      lines.push(
        `  if (!${test}) return { field: ${q(field.name)}, expected: ${q(field.type)}, problem: "type" };`,
      );
    } else {
      lines.push(
        `  if (value !== undefined && !${test}) return { field: ${q(field.name)}, expected: ${q(field.type)}, problem: "type" };`,
      );
    }
  }
  lines.push("  return undefined;", "}");
  return lines;
}

/**
 * Renders the archive catalog as a TypeScript module: one record type per object (unknown
 * fields kept through an index signature), `ArchiveRecordTypes` (object key → record type),
 * `ArchiveObjectsOf` (resource group → its object keys), a generated check per object, and
 * `ARCHIVE_OBJECTS`, the metadata the reader matches files with, and
 * `UNCATALOGUED_RESOURCE_GROUPS`, the resource groups the catalog does not describe yet.
 *
 * @example
 * ```ts
 * await writeFile("archive-schema.gen.ts", renderArchiveSchema(services));
 * ```
 */
export function renderArchiveSchema(
  services: readonly ArchiveService[],
  uncatalogued: readonly string[] = [],
): string {
  const types: string[] = [];
  const checks: string[] = [];
  const metadata: string[] = [];
  const recordTypes: string[] = [];
  const byGroup = new Map<string, string[]>();
  const sorted = [...services].sort((a, b) => a.service.localeCompare(b.service));
  for (const service of sorted) {
    for (const object of service.objects) {
      const key = `${service.service}.${object.id}`;
      const typeName = pascal(service.service, object.id);
      const csv = object.layout === "csv";
      for (const group of Object.keys(object.resourceGroups)) {
        byGroup.set(group, [...(byGroup.get(group) ?? []), key]);
      }
      let check = "undefined";
      if (HAS_RECORDS.has(object.layout)) {
        types.push(
          "/**",
          ` * ${object.title} (${service.title}): ${object.summary}`,
          ` * Stored as ${object.layout} (${object.formats.join(", ")}); unknown fields are kept.`,
          " *",
          " * @example",
          " * ```ts",
          ` * declare const record: ${typeName};`,
          " * ```",
          " */",
          `export interface ${typeName} {`,
          ...renderMembers(fieldTree(object.fields, csv), csv, "  "),
          "  readonly [field: string]: unknown;",
          "}",
          "",
        );
        recordTypes.push(`  ${q(key)}: ${typeName};`);
        check = `check${typeName}`;
        checks.push(...renderCheck(check, object), "");
      }
      metadata.push(
        "  {",
        `    key: ${q(key)},`,
        `    service: ${q(service.service)},`,
        `    id: ${q(object.id)},`,
        `    title: ${q(object.title)},`,
        `    layout: ${q(object.layout)},`,
        `    formats: ${q(object.formats)},`,
        `    resourceGroups: ${q(object.resourceGroups)},`,
        `    sniff: ${q(object.sniff ?? [])},`,
        ...(object.recordsAt ? [`    recordsAt: ${q(object.recordsAt)},`] : []),
        ...(object.preambleRows ? [`    preambleRows: ${object.preambleRows},`] : []),
        `    fields: ${q(object.fields.map(({ name, type, required }) => ({ name, type, required: required === true })))},`,
        `    check: ${check},`,
        "  },",
      );
    }
  }
  const groups = [...byGroup.keys()].sort();
  return [
    GENERATED_HEADER,
    'import { fieldAt, isCellOf, isValueOf } from "../archive/archive-checks.js";',
    'import type { ArchiveObjectInfo, RecordIssue } from "../archive/archive-checks.js";',
    "",
    ...types,
    "/**",
    " * Record type of each object that has records, by object key (`service.object`).",
    " *",
    " * @example",
    " * ```ts",
    ' * type Watch = ArchiveRecordTypes["my_activity.activity"];',
    " * ```",
    " */",
    "export interface ArchiveRecordTypes {",
    ...recordTypes,
    "}",
    "",
    "/**",
    " * The object keys each resource group exports.",
    " *",
    " * @example",
    " * ```ts",
    ' * type YouTubeObjects = ArchiveObjectsOf["myactivity.youtube"];',
    " * ```",
    " */",
    "export interface ArchiveObjectsOf {",
    ...groups.map((group) => `  ${q(group)}: ${byGroup.get(group)!.map(q).join(" | ")};`),
    "}",
    "",
    ...checks,
    "/**",
    " * Every object of the catalog with what the reader needs to find and check it.",
    " *",
    " * @example",
    " * ```ts",
    ' * ARCHIVE_OBJECTS.filter((o) => "myactivity.youtube" in o.resourceGroups);',
    " * ```",
    " */",
    "export const ARCHIVE_OBJECTS: readonly ArchiveObjectInfo[] = [",
    ...metadata,
    "];",
    "",
    "/**",
    " * Resource groups of the pinned revision that no catalog object exports yet: their files are",
    " * listed by the reader but yield no records.",
    " *",
    " * @example",
    " * ```ts",
    ' * UNCATALOGUED_RESOURCE_GROUPS.includes("myactivity.youtube"); // false',
    " * ```",
    " */",
    `export const UNCATALOGUED_RESOURCE_GROUPS: readonly string[] = ${q(uncatalogued)};`,
    "",
  ].join("\n");
}
