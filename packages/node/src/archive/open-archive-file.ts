import { createReadStream } from "node:fs";
import { type Archive, type OpenArchiveOptions, openArchive } from "@dataportability/archive";

/**
 * Opens a downloaded archive file for `@dataportability/archive`'s `readRecords`, streamed in
 * 1 MiB reads: memory stays flat whatever the file's size. Each walk of its entries reads the
 * file afresh, so it can be read more than once.
 *
 * @param file - Path of a downloaded archive (a `.zip`).
 * @param options - Zip-bomb guards (`limits`).
 * @returns An `Archive` of `@dataportability/archive`, for `readRecords`.
 * @example
 * ```ts
 * import { readRecords } from "@dataportability/archive";
 *
 * for await (const item of readRecords(openArchiveFile("./exports/archive-001.zip"))) {
 *   if (item.kind === "record") console.log(item.resource, item.record);
 * }
 * ```
 */
export function openArchiveFile(file: string, options: OpenArchiveOptions = {}): Archive {
  return {
    entries: () =>
      openArchive(createReadStream(file, { highWaterMark: 2 ** 20 }), options).entries(),
  };
}
