import type { Resource } from "@dataportability/spec";
import { InvalidRecordError, type RecordProblem } from "../errors.js";
import { looksLike, type ObjectMatch } from "../match/object-matcher.js";
import type { ZipEntry } from "../zip/zip-entries.js";
import type { ReadRecordsOptions } from "./read-options.js";

/** One archive file being read, and what it is known to hold. */
export interface FileContext {
  readonly entry: ZipEntry;
  readonly options: ReadRecordsOptions<Resource>;
  /** The file's object and resource group; decided by the first record when only content can tell. */
  match: ObjectMatch | undefined;
  readonly candidates: readonly ObjectMatch[];
}

/** Stops reading a file whose content says it is not the object it was offered to. */
export class StopFile extends Error {}

/** Reports a record that cannot be used: to `onProblem`, or thrown with `invalid: "throw"`. */
export function report(
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
export function decide(context: FileContext, keys: readonly string[]): boolean {
  if (context.match) return true;
  const fitting = context.candidates.filter((candidate) => looksLike(keys, candidate.object));
  const resources = new Set(fitting.map((candidate) => candidate.resource));
  if (fitting.length === 0 || resources.size > 1) throw new StopFile();
  context.match = fitting[0];
  return true;
}

/** The file's text, decoded as UTF-8 piece by piece; text that is not UTF-8 is reported. */
export async function* decodedText(
  context: FileContext,
  index: () => number,
): AsyncGenerator<string> {
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

/** The record if it passes its object's check, else undefined (reported). */
export function checked(
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

/** The item {@link readRecords} yields for a record. */
export function recordItem(
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
