import type { ArchiveService } from "../archive/archive-catalog.js";
import type { SpecChange } from "./diff-discovery.js";

function objectsOf(services: readonly ArchiveService[]) {
  return new Map(
    services.flatMap((service) =>
      service.objects.map((object) => [`${service.service}.${object.id}`, object] as const),
    ),
  );
}

/**
 * What changed between two versions of the archive catalog, as {@link SpecChange}s for the
 * generated record types: an object or field added is a minor bump; one removed, a field whose
 * type or presence changed, or a resource group or file format an object no longer has is
 * major (code that reads it breaks); a group or format added is minor.
 *
 * @example
 * ```ts
 * const changes = diffArchiveCatalog(oldServices, newServices);
 * changes.filter((change) => change.bump === "major");
 * ```
 */
export function diffArchiveCatalog(
  before: readonly ArchiveService[],
  after: readonly ArchiveService[],
): SpecChange[] {
  const changes: SpecChange[] = [];
  const old = objectsOf(before);
  const cur = objectsOf(after);
  for (const [key, object] of cur) {
    const previous = old.get(key);
    if (!previous) {
      changes.push({ kind: "archive-object", change: "added", subject: key, bump: "minor" });
      continue;
    }
    const list = (values: readonly string[], removed: readonly string[]) =>
      values.filter((v) => !removed.includes(v));
    const groupsAdded = list(
      Object.keys(object.resourceGroups),
      Object.keys(previous.resourceGroups),
    );
    const groupsRemoved = list(
      Object.keys(previous.resourceGroups),
      Object.keys(object.resourceGroups),
    );
    if (groupsAdded.length)
      changes.push({
        kind: "archive-object",
        change: "changed",
        subject: key,
        detail: `resource groups added: ${groupsAdded.join(", ")}`,
        bump: "minor",
      });
    if (groupsRemoved.length)
      changes.push({
        kind: "archive-object",
        change: "changed",
        subject: key,
        detail: `resource groups removed: ${groupsRemoved.join(", ")}`,
        bump: "major",
      });
    if (object.layout !== previous.layout) {
      changes.push({
        kind: "archive-object",
        change: "changed",
        subject: key,
        detail: `layout ${previous.layout} -> ${object.layout}`,
        bump: "major",
      });
    }
    const oldFields = new Map(previous.fields.map((field) => [field.name, field]));
    const newFields = new Map(object.fields.map((field) => [field.name, field]));
    for (const [name, field] of newFields) {
      const was = oldFields.get(name);
      const subject = `${key}.${name}`;
      if (!was) {
        changes.push({
          kind: "archive-field",
          change: "added",
          subject,
          bump: field.required ? "major" : "minor",
        });
      } else if (was.type !== field.type) {
        changes.push({
          kind: "archive-field",
          change: "changed",
          subject,
          detail: `type ${was.type} -> ${field.type}`,
          bump: "major",
        });
      } else if (Boolean(was.required) !== Boolean(field.required)) {
        changes.push({
          kind: "archive-field",
          change: "changed",
          subject,
          detail: field.required ? "now required" : "now optional",
          bump: "major",
        });
      }
    }
    for (const name of oldFields.keys()) {
      if (!newFields.has(name))
        changes.push({
          kind: "archive-field",
          change: "removed",
          subject: `${key}.${name}`,
          bump: "major",
        });
    }
  }
  for (const key of old.keys()) {
    if (!cur.has(key))
      changes.push({ kind: "archive-object", change: "removed", subject: key, bump: "major" });
  }
  return changes;
}
