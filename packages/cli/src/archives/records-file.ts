import { createReadStream } from "node:fs";
import { type FileHandle, mkdir, open } from "node:fs/promises";
import path from "node:path";
import {
  type ArchiveRecord,
  openArchive,
  type RecordProblem,
  readRecords,
} from "@dataportability/archive";
import type { Resource } from "@dataportability/spec";
import { asWriteError } from "./output-folder.js";

/**
 * Options for reading an archive file's records.
 *
 * @example
 * ```ts
 * const options: ArchiveRecordsOptions = { resources: ["myactivity.youtube"], strict: false };
 * ```
 */
export interface ArchiveRecordsOptions {
  resources?: readonly Resource[] | undefined;
  /** Stop at the first record that fails its checks instead of skipping it. */
  strict?: boolean;
  /** Told of every record skipped. */
  onProblem?: (problem: RecordProblem) => void;
}

/**
 * The records of a downloaded archive file, streamed (media files left out).
 *
 * @example
 * ```ts
 * for await (const item of archiveRecords("./exports/archive-001.zip")) console.log(item.index);
 * ```
 */
export async function* archiveRecords(
  file: string,
  options: ArchiveRecordsOptions = {},
): AsyncGenerator<ArchiveRecord> {
  const archive = openArchive(createReadStream(file, { highWaterMark: 2 ** 20 }));
  for await (const item of readRecords(archive, {
    ...(options.resources ? { resources: options.resources } : {}),
    invalid: options.strict ? "throw" : "skip",
    ...(options.onProblem ? { onProblem: options.onProblem } : {}),
    files: false,
  })) {
    if (item.kind === "record") yield item;
  }
}

/**
 * One NDJSON line for a record: where it comes from and the record itself.
 *
 * @example
 * ```ts
 * stream.write(recordLine(item));
 * ```
 */
export function recordLine(item: ArchiveRecord): string {
  const { resource, object, file, index, record } = item;
  return `${JSON.stringify({ resource, object, file, index, record })}\n`;
}

/**
 * An NDJSON file that `export --records` fills as archives arrive: opened (and emptied) before
 * the job starts, so a path that cannot be written costs no export; each archive's records are
 * appended once it is downloaded and verified, one archive at a time.
 *
 * @example
 * ```ts
 * const sink = await RecordsFile.open("./youtube.ndjson");
 * await sink.add("./exports/archive-001.zip");
 * await sink.close();
 * ```
 */
export class RecordsFile {
  #queue: Promise<void> = Promise.resolve();
  #closed = false;
  records = 0;
  skipped = 0;

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    private readonly options: ArchiveRecordsOptions,
  ) {}

  static async open(file: string, options: ArchiveRecordsOptions = {}): Promise<RecordsFile> {
    try {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      return new RecordsFile(file, await open(file, "w", 0o600), options);
    } catch (error) {
      throw await asWriteError(error, file);
    }
  }

  /** Appends an archive's records, after those of the archives added before it. */
  add(archive: string): Promise<void> {
    this.#queue = this.#queue.then(async () => {
      let lines = "";
      const flush = async () => {
        try {
          await this.handle.write(lines);
        } catch (error) {
          throw await asWriteError(error, this.file);
        }
        lines = "";
      };
      for await (const item of archiveRecords(archive, {
        ...this.options,
        onProblem: (problem) => {
          this.skipped++;
          this.options.onProblem?.(problem);
        },
      })) {
        lines += recordLine(item);
        this.records++;
        if (lines.length > 1 << 20) await flush();
      }
      await flush();
    });
    return this.#queue;
  }

  /** Waits for the records being written, then syncs and closes the file (once). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#queue;
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }
}
