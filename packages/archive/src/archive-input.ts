import type { ArchiveLimits } from "./zip/archive-limits.js";
import { type ZipEntry, zipEntries } from "./zip/zip-entries.js";

/**
 * Where an archive's bytes come from: all of them in memory, a `Blob` or `File` (read as a
 * stream), a web `ReadableStream` (a `fetch` body, an upload), or any async iterable of chunks
 * (a Node `Readable`).
 *
 * @example
 * ```ts
 * const input: ArchiveInput = (await fetch(url)).body!;
 * ```
 */
export type ArchiveInput =
  | Uint8Array
  | ArrayBuffer
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>;

/**
 * An archive ready to be read front to back, once.
 *
 * @example
 * ```ts
 * const archive = openArchive(file);
 * for await (const entry of archive.entries()) console.log(entry.name);
 * ```
 */
export interface Archive {
  /** The archive's entries in order; see {@link ZipEntry}. Can be walked once. */
  entries(): AsyncIterable<ZipEntry>;
}

/**
 * Options of {@link openArchive}.
 *
 * @example
 * ```ts
 * const options: OpenArchiveOptions = { limits: { maxTotalBytes: 8 * 2 ** 30 } };
 * ```
 */
export interface OpenArchiveOptions {
  /** Zip-bomb guards. */
  limits?: ArchiveLimits;
}

async function* readStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

// In-memory bytes are handed out in slices, so entries stream from them like from a file.
async function* slices(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  const size = 1024 * 1024;
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

function chunksOf(input: ArchiveInput): AsyncIterable<Uint8Array> {
  if (input instanceof Uint8Array) return slices(input);
  if (input instanceof ArrayBuffer) return slices(new Uint8Array(input));
  if (typeof Blob !== "undefined" && input instanceof Blob) return readStream(input.stream());
  if (typeof ReadableStream !== "undefined" && input instanceof ReadableStream)
    return readStream(input);
  return input as AsyncIterable<Uint8Array>;
}

/**
 * Opens an archive from bytes, a `Blob`, a stream or async chunks, in any runtime. Nothing is
 * read until its entries are walked; memory stays bounded whatever the archive's size.
 *
 * @example
 * ```ts
 * for await (const item of readRecords(openArchive(file), { resources: ["myactivity.youtube"] })) {
 *   console.log(item.file, item.index);
 * }
 * ```
 */
export function openArchive(input: ArchiveInput, options: OpenArchiveOptions = {}): Archive {
  let opened = false;
  return {
    entries() {
      if (opened)
        throw new TypeError("An archive can be read once; open it again to read it again");
      opened = true;
      return zipEntries(chunksOf(input), options.limits);
    },
  };
}
