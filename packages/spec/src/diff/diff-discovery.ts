import {
  type DiscoveryDocument,
  type DiscoveryMethod,
  type DiscoverySchema,
  listMethods,
} from "../converter/discovery-document.js";

/**
 * The semver bump a change calls for in packages that expose the generated types.
 *
 * @example
 * ```ts
 * const bump: SemverBump = diffDiscovery(oldDoc, newDoc).changes[0]?.bump ?? "patch";
 * ```
 */
export type SemverBump = "major" | "minor" | "patch";

/**
 * What a change touches.
 *
 * @example
 * ```ts
 * const scopes = diff.changes.filter((change) => change.kind === ("scope" satisfies SpecChangeKind));
 * ```
 */
export type SpecChangeKind =
  | "method"
  | "parameter"
  | "schema"
  | "field"
  | "enum"
  | "scope"
  | "archive-object"
  | "archive-field";

/**
 * One difference between two revisions.
 *
 * @example
 * ```ts
 * const change: SpecChange = { kind: "method", change: "added", subject: "accessType.check", bump: "minor" };
 * ```
 */
export interface SpecChange {
  kind: SpecChangeKind;
  change: "added" | "removed" | "changed";
  /** What changed: `accessType.check`, `InitiatePortabilityArchiveRequest.startTime`, a scope's resource name… */
  subject: string;
  /** For `changed`: what about it changed. */
  detail?: string;
  bump: SemverBump;
}

/**
 * The result of {@link diffDiscovery}.
 *
 * @example
 * ```ts
 * const diff: SpecDiff = diffDiscovery(oldDoc, newDoc);
 * if (diff.bump === "major") console.log(formatSpecDiff(diff));
 * ```
 */
export interface SpecDiff {
  from: string;
  to: string;
  changes: SpecChange[];
  /** The largest bump of all changes, or `none` when the revisions are equivalent. */
  bump: SemverBump | "none";
}

const BUMP_ORDER: Record<SemverBump | "none", number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * Compares two discovery documents: methods, parameters, schemas, fields, enum values and
 * scopes added, removed or changed, and the semver bump they call for (removal or type
 * change: major; addition: minor; text only: patch).
 *
 * @example
 * ```ts
 * const diff = diffDiscovery(oldDoc, newDoc);
 * if (diff.bump === "major") console.log(formatSpecDiff(diff));
 * ```
 */
export function diffDiscovery(before: DiscoveryDocument, after: DiscoveryDocument): SpecDiff {
  const changes: SpecChange[] = [];
  const add = (change: SpecChange) => changes.push(change);

  diffMethods(before, after, add);
  diffParameterSet("(global)", before.parameters ?? {}, after.parameters ?? {}, add);
  diffSchemas(before.schemas ?? {}, after.schemas ?? {}, add);
  diffScopes(before, after, add);

  return {
    from: before.revision ?? "unknown",
    to: after.revision ?? "unknown",
    changes,
    bump: largestBump(changes),
  };
}

/**
 * The largest bump of a list of changes, or `none` for none.
 *
 * @example
 * ```ts
 * largestBump([{ kind: "field", change: "added", subject: "A.b", bump: "minor" }]); // "minor"
 * ```
 */
export function largestBump(changes: readonly SpecChange[]): SemverBump | "none" {
  return changes.reduce<SemverBump | "none">(
    (max, change) => (BUMP_ORDER[change.bump] > BUMP_ORDER[max] ? change.bump : max),
    "none",
  );
}

type Add = (change: SpecChange) => void;

function methodName(id: string): string {
  return id.split(".").slice(1).join(".");
}

function diffMethods(before: DiscoveryDocument, after: DiscoveryDocument, add: Add) {
  const old = new Map(listMethods(before).map(({ method }) => [method.id, method]));
  const cur = new Map(listMethods(after).map(({ method }) => [method.id, method]));
  for (const [id, method] of cur) {
    const previous = old.get(id);
    const subject = methodName(id);
    if (!previous) {
      add({ kind: "method", change: "added", subject, bump: "minor" });
      continue;
    }
    const shape = (m: DiscoveryMethod) =>
      `${m.httpMethod} ${m.flatPath ?? m.path} ${m.request?.$ref ?? "-"} -> ${m.response?.$ref ?? "-"}`;
    if (shape(previous) !== shape(method)) {
      add({
        kind: "method",
        change: "changed",
        subject,
        detail: `${shape(previous)} became ${shape(method)}`,
        bump: "major",
      });
    } else if (previous.description !== method.description) {
      add({ kind: "method", change: "changed", subject, detail: "description", bump: "patch" });
    }
    diffParameterSet(subject, previous.parameters ?? {}, method.parameters ?? {}, add);
  }
  for (const id of old.keys()) {
    if (!cur.has(id))
      add({ kind: "method", change: "removed", subject: methodName(id), bump: "major" });
  }
}

function diffParameterSet(
  owner: string,
  before: Record<string, DiscoverySchema>,
  after: Record<string, DiscoverySchema>,
  add: Add,
) {
  for (const [name, parameter] of Object.entries(after)) {
    const subject = `${owner}(${name})`;
    const previous = before[name];
    if (!previous) {
      add({
        kind: "parameter",
        change: "added",
        subject,
        bump: parameter.required ? "major" : "minor",
      });
      continue;
    }
    diffSchemaPair("parameter", subject, previous, parameter, add);
  }
  for (const name of Object.keys(before)) {
    if (!(name in after)) {
      add({ kind: "parameter", change: "removed", subject: `${owner}(${name})`, bump: "major" });
    }
  }
}

function diffSchemas(
  before: Record<string, DiscoverySchema>,
  after: Record<string, DiscoverySchema>,
  add: Add,
) {
  for (const [name, schema] of Object.entries(after)) {
    const previous = before[name];
    if (!previous) add({ kind: "schema", change: "added", subject: name, bump: "minor" });
    else diffSchemaPair("schema", name, previous, schema, add);
  }
  for (const name of Object.keys(before)) {
    if (!(name in after)) add({ kind: "schema", change: "removed", subject: name, bump: "major" });
  }
}

/** Type, format, `$ref`, pattern, location and requiredness are the shape; a change to any is major. */
function shapeOf(schema: DiscoverySchema): string {
  return JSON.stringify([
    schema.type,
    schema.format,
    schema.$ref,
    schema.pattern,
    schema.location,
    schema.required ?? false,
    schema.repeated ?? false,
    schema.items ? shapeOf(schema.items) : null,
    schema.additionalProperties ? shapeOf(schema.additionalProperties) : null,
  ]);
}

function diffSchemaPair(
  kind: "schema" | "parameter" | "field",
  subject: string,
  before: DiscoverySchema,
  after: DiscoverySchema,
  add: Add,
) {
  if (shapeOf(before) !== shapeOf(after)) {
    add({ kind, change: "changed", subject, detail: "type", bump: "major" });
  } else if (before.description !== after.description) {
    add({ kind, change: "changed", subject, detail: "description", bump: "patch" });
  }
  diffEnum(subject, before, after, add);
  const beforeProps = before.properties ?? {};
  const afterProps = after.properties ?? {};
  for (const [name, prop] of Object.entries(afterProps)) {
    const field = `${subject}.${name}`;
    const previous = beforeProps[name];
    if (!previous) add({ kind: "field", change: "added", subject: field, bump: "minor" });
    else diffSchemaPair("field", field, previous, prop, add);
  }
  for (const name of Object.keys(beforeProps)) {
    if (!(name in afterProps)) {
      add({ kind: "field", change: "removed", subject: `${subject}.${name}`, bump: "major" });
    }
  }
  if (before.items && after.items)
    diffSchemaPair("field", `${subject}[]`, before.items, after.items, add);
}

function diffEnum(subject: string, before: DiscoverySchema, after: DiscoverySchema, add: Add) {
  const old = before.enum ?? [];
  const cur = after.enum ?? [];
  for (const value of cur) {
    if (!old.includes(value))
      add({ kind: "enum", change: "added", subject: `${subject}=${value}`, bump: "minor" });
  }
  for (const value of old) {
    if (!cur.includes(value))
      add({ kind: "enum", change: "removed", subject: `${subject}=${value}`, bump: "major" });
  }
}

function diffScopes(before: DiscoveryDocument, after: DiscoveryDocument, add: Add) {
  const prefix = `https://www.googleapis.com/auth/${after.name}.`;
  const short = (scope: string) => (scope.startsWith(prefix) ? scope.slice(prefix.length) : scope);
  const old = before.auth?.oauth2?.scopes ?? {};
  const cur = after.auth?.oauth2?.scopes ?? {};
  for (const [scope, { description }] of Object.entries(cur)) {
    const previous = old[scope];
    if (!previous) add({ kind: "scope", change: "added", subject: short(scope), bump: "minor" });
    else if (previous.description !== description) {
      add({
        kind: "scope",
        change: "changed",
        subject: short(scope),
        detail: "description",
        bump: "patch",
      });
    }
  }
  for (const scope of Object.keys(old)) {
    if (!(scope in cur))
      add({ kind: "scope", change: "removed", subject: short(scope), bump: "major" });
  }
}

/**
 * Renders a diff as readable Markdown-ish text: a title line with the bump, then one
 * section per kind of change.
 *
 * @example
 * ```ts
 * console.log(formatSpecDiff(diffDiscovery(oldDoc, newDoc)));
 * ```
 */
export function formatSpecDiff(diff: SpecDiff, subject = "Discovery revision"): string {
  const lines = [`${subject} ${diff.from} -> ${diff.to}: ${diff.bump} bump`];
  if (diff.changes.length === 0) lines.push("", "No changes.");
  for (const [kind, label] of Object.entries(KIND_LABELS) as [SpecChangeKind, string][]) {
    for (const change of ["added", "removed", "changed"] as const) {
      const items = diff.changes.filter((c) => c.kind === kind && c.change === change);
      if (items.length === 0) continue;
      lines.push("", `${label} ${change} (${items.length}):`);
      for (const item of items) {
        lines.push(`  - ${item.subject}${item.detail ? ` (${item.detail})` : ""} [${item.bump}]`);
      }
    }
  }
  return lines.join("\n");
}

const KIND_LABELS: Record<SpecChangeKind, string> = {
  method: "Methods",
  parameter: "Parameters",
  schema: "Schemas",
  field: "Fields",
  enum: "Enums",
  scope: "Scopes",
  "archive-object": "Archive objects",
  "archive-field": "Archive fields",
};
