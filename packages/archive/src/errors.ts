import { PortabilityError } from "@dataportability/core";
import type { RecordIssue } from "@dataportability/spec/archive";

/**
 * The bytes are not a zip archive this reader can read: cut off, corrupted, or using a
 * compression method other than stored or deflate. Records already yielded stay valid.
 *
 * @example
 * ```ts
 * try {
 *   for await (const item of readRecords(openArchive(bytes))) use(item);
 * } catch (error) {
 *   if (error instanceof ArchiveFormatError) console.error(error.message);
 * }
 * ```
 */
export class ArchiveFormatError extends PortabilityError {
  /** Always `"ArchiveFormatError"`, a literal that survives minifiers. */
  override readonly name = "ArchiveFormatError";
  /** The entry being read when the problem showed, if any. */
  readonly entryName: string | undefined;

  constructor(message: string, entryName?: string, options?: { cause?: unknown }) {
    super(entryName === undefined ? message : `${entryName}: ${message}`, options);
    this.entryName = entryName;
  }
}

/**
 * A zip entry's name would leave the archive's folder (absolute path, drive letter, NUL, or a
 * `..` segment: "zip slip"). Nothing of that entry is read or written.
 *
 * @example
 * ```ts
 * if (error instanceof UnsafeArchiveEntryError) console.error(error.entryName);
 * ```
 */
export class UnsafeArchiveEntryError extends PortabilityError {
  /** Always `"UnsafeArchiveEntryError"`, a literal that survives minifiers. */
  override readonly name = "UnsafeArchiveEntryError";
  /** The entry name exactly as stored in the zip. */
  readonly entryName: string;

  constructor(entryName: string, problem: string) {
    super(`Refusing zip entry ${JSON.stringify(entryName)}: ${problem}`);
    this.entryName = entryName;
  }
}

/**
 * Which zip-bomb guard tripped.
 *
 * @example
 * ```ts
 * const limit: ArchiveLimit = "maxRatio";
 * ```
 */
export type ArchiveLimit = "maxEntries" | "maxEntryBytes" | "maxTotalBytes" | "maxRatio";

/**
 * The archive passes a guard (entry count, bytes of one entry or of all, compression ratio):
 * on the sizes it declares, where the reader knows them up front, and on the bytes actually
 * inflated, as they are inflated, so memory stays bounded whatever the zip declares.
 *
 * @example
 * ```ts
 * if (error instanceof ArchiveTooLargeError) console.error(error.limit, error.actual);
 * ```
 */
export class ArchiveTooLargeError extends PortabilityError {
  /** Always `"ArchiveTooLargeError"`, a literal that survives minifiers. */
  override readonly name = "ArchiveTooLargeError";
  /** The option whose value was exceeded. */
  readonly limit: ArchiveLimit;
  /** The configured limit. */
  readonly allowed: number;
  /** The value that exceeded it. */
  readonly actual: number;
  /** The entry at fault, for per-entry limits. */
  readonly entryName: string | undefined;

  constructor(limit: ArchiveLimit, allowed: number, actual: number, entryName?: string) {
    super(
      `Archive exceeds ${limit} (${actual} > ${allowed})${entryName ? ` at entry ${JSON.stringify(entryName)}` : ""}`,
    );
    this.limit = limit;
    this.allowed = allowed;
    this.actual = actual;
    this.entryName = entryName;
  }
}

/**
 * Where a record that could not be used sits, and why: a field of the wrong type, a value that
 * is not JSON, text that is not UTF-8, a CSV row with another number of cells, a file cut off.
 *
 * @example
 * ```ts
 * const problem: RecordProblem = {
 *   resource: "myactivity.youtube", object: "my_activity.activity",
 *   file: "Portability/My Activity/YouTube/MyActivity.json", index: 7,
 *   reason: "field", issue: { field: "time", expected: "timestamp", problem: "type" },
 *   message: "field time is not a timestamp",
 * };
 * ```
 */
export interface RecordProblem {
  /** The resource group of the file (empty when no group could be told). */
  readonly resource: string;
  /** The catalog object key (`service.object`). */
  readonly object: string;
  /** The zip entry's name. */
  readonly file: string;
  /** The record's position in its file (0-based; rows after the CSV header). */
  readonly index: number;
  /** What was wrong: a field's check, JSON syntax, UTF-8, CSV shape, a cut-off file, or the file's format. */
  readonly reason: "field" | "json" | "utf8" | "csv" | "truncated" | "format";
  /** The failed check, for `reason: "field"`, and the CSV cell that is not JSON for `reason: "json"`. */
  readonly issue?: RecordIssue;
  /** The problem in words, for logs. */
  readonly message: string;
}

/**
 * A record could not be used and `invalid: "throw"` was asked for. Carries the
 * {@link RecordProblem}.
 *
 * @example
 * ```ts
 * if (error instanceof InvalidRecordError) console.error(error.problem.file, error.problem.index);
 * ```
 */
export class InvalidRecordError extends PortabilityError {
  /** Always `"InvalidRecordError"`, a literal that survives minifiers. */
  override readonly name = "InvalidRecordError";
  /** Where the record sits and what was wrong with it. */
  readonly problem: RecordProblem;

  constructor(problem: RecordProblem) {
    super(`${problem.file} record ${problem.index}: ${problem.message}`);
    this.problem = problem;
  }
}
