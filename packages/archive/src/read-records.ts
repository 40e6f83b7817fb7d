import { validateResources } from "@dataportability/core";
import type { Resource } from "@dataportability/spec";
import type { ArchiveObjectInfo } from "@dataportability/spec/archive";
import type { Archive } from "./archive-input.js";
import type { ArchiveItem } from "./archive-item.js";
import { type ObjectMatch, ObjectMatcher } from "./match/object-matcher.js";
import { csvRecords } from "./read/csv-records.js";
import type { FileContext } from "./read/file-context.js";
import { StopFile } from "./read/file-context.js";
import { jsonArrayRecords, jsonObjectRecord } from "./read/json-records.js";
import type { ReadRecordsOptions } from "./read/read-options.js";
import type { ZipEntry } from "./zip/zip-entries.js";

function layoutReader(object: ArchiveObjectInfo) {
  switch (object.layout) {
    case "json-array":
      return jsonArrayRecords;
    case "json-object":
      return jsonObjectRecord;
    case "csv":
      return csvRecords;
    default:
      return undefined;
  }
}

function fileItem(entry: ZipEntry, match: ObjectMatch) {
  return {
    kind: "file",
    resource: match.resource,
    object: match.object.key,
    layout: match.object.layout,
    file: entry.name,
    size: entry.size,
    body: entry.body,
  } as const;
}

/**
 * Reads an archive's files as typed records, streamed: JSON arrays and CSV tables are never
 * held whole, so memory stays flat for archives of any size. Files are recognised by the
 * catalog's name patterns and confirmed by their content. Each record is checked against its
 * object's fields; unknown fields are kept. A record that fails is reported to `onProblem` and
 * skipped (or thrown, with `invalid: "throw"`). Media and HTML files come as `kind: "file"`
 * items whose `body` must be read (or left) before the loop goes on.
 *
 * Zip problems (cut off, corrupted, unsafe names, zip bombs) throw typed errors:
 * `ArchiveFormatError`, `UnsafeArchiveEntryError`, `ArchiveTooLargeError`.
 *
 * @example
 * ```ts
 * for await (const item of readRecords(openArchive(file), { resources: ["myactivity.youtube"] })) {
 *   if (item.kind === "record") console.log(item.record.title, item.record.time);
 * }
 * ```
 */
export async function* readRecords<R extends Resource = Resource>(
  archive: Archive,
  options: ReadRecordsOptions<R> = {},
): AsyncGenerator<ArchiveItem<R>> {
  const resources = options.resources && validateResources(options.resources, "resources");
  const matcher = new ObjectMatcher(resources);
  const maxLength = options.maxRecordLength ?? 64 * 2 ** 20;
  for await (const entry of archive.entries()) {
    if (entry.isDirectory) continue;
    const named = matcher.byName(entry.name);
    if (named === "other") continue;
    const byName = named;
    const context: FileContext = {
      entry,
      options: options as ReadRecordsOptions<Resource>,
      match: byName,
      candidates: byName ? [byName] : matcher.byContent(entry.name),
    };
    if (context.candidates.length === 0) continue;
    const reader = layoutReader(context.candidates[0]!.object);
    if (!reader) {
      if (byName && options.files !== false) yield fileItem(entry, byName) as ArchiveItem<R>;
      continue;
    }
    try {
      for await (const item of reader(context, maxLength)) yield item as ArchiveItem<R>;
    } catch (error) {
      if (!(error instanceof StopFile)) throw error;
    }
  }
}
