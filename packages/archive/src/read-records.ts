import { validateResources } from "@dataportability/core";
import type { Resource } from "@dataportability/spec";
import type { ArchiveObjectInfo } from "@dataportability/spec/archive";
import type { Archive } from "./archive-input.js";
import type { ArchiveItem } from "./archive-item.js";
import { InvalidRecordError, type RecordProblem } from "./errors.js";
import { looksLike, type ObjectMatch, ObjectMatcher } from "./match/object-matcher.js";
import { CsvRowSplitter } from "./parse/csv-row-splitter.js";
import { JsonArraySplitter } from "./parse/json-array-splitter.js";
import type { ZipEntry } from "./zip/zip-entries.js";

/**
 * Options of {@link readRecords}.
 *
 * @example
 * ```ts
 * const options: ReadRecordsOptions<"myactivity.youtube"> = {
 *   resources: ["myactivity.youtube"],
 *   onProblem: (problem) => console.warn(problem.file, problem.index, problem.message),
 * };
 * ```
 */
export interface ReadRecordsOptions<R extends Resource = Resource> {
  /** Only these resource groups' files (default: every catalogued group). */
  resources?: readonly R[];
  /**
   * What a record that cannot be used does: `"skip"` (default) reports it to `onProblem` and
   * goes on; `"throw"` stops with an {@link InvalidRecordError}.
   */
  invalid?: "skip" | "throw";
  /** Told of every record that was skipped, and why. */
  onProblem?: (problem: RecordProblem) => void;
  /** Yield media and HTML files as `kind: "file"` items (default true). */
  files?: boolean;
  /** Largest record (or CSV row, or single-object file) in characters. Default 64 Mi. */
  maxRecordLength?: number;
}

interface FileContext {
  readonly entry: ZipEntry;
  readonly options: ReadRecordsOptions<Resource>;
  /** The file's object and resource group; decided by the first record when only content can tell. */
  match: ObjectMatch | undefined;
  readonly candidates: readonly ObjectMatch[];
}

class StopFile extends Error {}

function report(
  context: FileContext,
  problem: Omit<RecordProblem, "file" | "resource" | "object">,
): void {
  const full: RecordProblem = {
    resource: context.match?.resource ?? context.candidates[0]?.resource ?? "",
    object: context.match?.object.key ?? context.candidates[0]?.object.key ?? "",
    file: context.entry.name,
    ...problem,
  };
  if (context.options.invalid === "throw") throw new InvalidRecordError(full);
  context.options.onProblem?.(full);
}

/** Settles a file matched only by content on the one candidate its first record looks like. */
function decide(context: FileContext, keys: readonly string[]): boolean {
  if (context.match) return true;
  const fitting = context.candidates.filter((candidate) => looksLike(keys, candidate.object));
  const resources = new Set(fitting.map((candidate) => candidate.resource));
  if (fitting.length === 0 || resources.size > 1) throw new StopFile();
  context.match = fitting[0];
  return true;
}

async function* decodedText(context: FileContext, index: () => number): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of context.entry.body) yield decoder.decode(chunk, { stream: true });
    yield decoder.decode();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    report(context, {
      index: index(),
      reason: "utf8",
      message: "the text is not UTF-8; the rest of the file is skipped",
    });
  }
}

function checked(
  context: FileContext,
  value: unknown,
  index: number,
): Readonly<Record<string, unknown>> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    if (!context.match) throw new StopFile();
    report(context, { index, reason: "format", message: "the record is not a JSON object" });
    return undefined;
  }
  const record = value as Readonly<Record<string, unknown>>;
  decide(context, Object.keys(record));
  const issue = context.match!.object.check?.(record);
  if (issue) {
    const message =
      issue.problem === "missing"
        ? `field ${issue.field} is missing`
        : `field ${issue.field} is not ${issue.expected}`;
    report(context, { index, reason: "field", issue, message });
    return undefined;
  }
  return record;
}

function recordItem(
  context: FileContext,
  index: number,
  record: Readonly<Record<string, unknown>>,
) {
  const { resource, object } = context.match!;
  return {
    kind: "record",
    resource,
    object: object.key,
    file: context.entry.name,
    index,
    record,
  } as const;
}

async function* jsonArrayRecords(context: FileContext, maxLength: number) {
  const splitter = new JsonArraySplitter(maxLength, context.candidates[0]?.object.recordsAt);
  let index = 0;
  const parse = function* (texts: string[]) {
    for (const text of texts) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        if (!context.match) throw new StopFile();
        report(context, { index, reason: "json", message: "the record is not valid JSON" });
        index++;
        continue;
      }
      const record = checked(context, value, index);
      if (record) yield recordItem(context, index, record);
      index++;
    }
  };
  for await (const text of decodedText(context, () => index)) {
    yield* parse(splitter.push(text));
    if (splitter.problem) break;
  }
  if (splitter.problem === "too-large") {
    report(context, {
      index,
      reason: "format",
      message: `a record is longer than ${maxLength} characters; the rest of the file is skipped`,
    });
  } else if (splitter.problem) {
    if (!context.match) throw new StopFile();
    const recordsAt = context.match.object.recordsAt;
    const message =
      splitter.problem === "not-an-array"
        ? recordsAt === undefined
          ? "the file is not a JSON array"
          : "the file is not a JSON object"
        : splitter.problem === "no-array-at-key"
          ? `the file has no array at ${JSON.stringify(recordsAt)}`
          : "the file goes on after its JSON array ends";
    report(context, { index, reason: "format", message });
  } else if (splitter.unfinished && (splitter.rest !== "" || index > 0)) {
    report(context, {
      index,
      reason: "truncated",
      message: "the file is cut off inside its JSON array",
    });
  }
}

async function* jsonObjectRecord(context: FileContext, maxLength: number) {
  let text = "";
  for await (const piece of decodedText(context, () => 0)) {
    text += piece;
    if (text.length > maxLength) {
      report(context, {
        index: 0,
        reason: "format",
        message: `the file is longer than ${maxLength} characters`,
      });
      return;
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (!context.match) throw new StopFile();
    report(context, {
      index: 0,
      reason: "json",
      message: "the file is not valid JSON (cut off or corrupted)",
    });
    return;
  }
  const record = checked(context, value, 0);
  if (record) yield recordItem(context, 0, record);
}

async function* csvRecords(context: FileContext, maxLength: number) {
  const splitter = new CsvRowSplitter(maxLength);
  let header: string[] | undefined;
  let index = 0;
  const rowsToRecords = function* (rows: string[][]) {
    for (const row of rows) {
      if (!header) {
        const raw = row.map((cell, i) => (i === 0 ? cell.replace(/^\uFEFF/, "") : cell));
        if (!decide(context, raw)) return;
        // Column names change case between export dates: each takes the catalog's spelling.
        const names = new Map(
          context.match!.object.fields.map((f) => [f.name.toLowerCase(), f.name]),
        );
        header = raw.map((cell) => names.get(cell.toLowerCase()) ?? cell);
        if (!looksLike(header, context.match!.object)) {
          report(context, {
            index: 0,
            reason: "csv",
            message: `the header (${header.join(", ")}) has none of the object's columns (${context.match!.object.fields.map((f) => f.name).join(", ")})`,
          });
          throw new StopFile();
        }
        continue;
      }
      if (row.length === 1 && row[0] === "") continue;
      if (row.length !== header.length) {
        report(context, {
          index,
          reason: "csv",
          message: `the row has ${row.length} cells; the header has ${header.length}`,
        });
        index++;
        continue;
      }
      const record: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) if (row[i] !== "") record[header[i]!] = row[i];
      const valid = checked(context, record, index);
      if (valid) yield recordItem(context, index, valid);
      index++;
    }
  };
  for await (const text of decodedText(context, () => index)) {
    yield* rowsToRecords(splitter.push(text));
    if (splitter.tooLarge) {
      report(context, {
        index,
        reason: "csv",
        message: `a row is longer than ${maxLength} characters; the rest of the file is skipped`,
      });
      return;
    }
  }
  const { row, cutOff } = splitter.end();
  if (cutOff) {
    report(context, {
      index,
      reason: "truncated",
      message: "the file is cut off inside a quoted cell",
    });
    return;
  }
  if (row) yield* rowsToRecords([row]);
}

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
