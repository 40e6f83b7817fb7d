import { createReadStream } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import type { ChunkHasher } from "./part-file-writer.js";

/**
 * How far one slice of a sliced download got: the bytes `[start, start + written)` of the
 * object are in the `.part` file at their own offsets; `end` is exclusive.
 *
 * @example
 * ```ts
 * const slice: SliceProgress = { start: 0, end: 268_435_456, written: 1_048_576 };
 * ```
 */
export interface SliceProgress {
  /** The slice's first byte in the object. */
  start: number;
  /** One past the slice's last byte. */
  end: number;
  /** Bytes of the slice on disk, from `start` on. */
  written: number;
}

/**
 * What the downloader remembers about an unfinished archive, next to its `.part` file
 * (`<name>.part.json`), so another run can resume it with `Range`. Holds no secret: the URL is
 * kept without its query (the signature). Version 1 describes a `.part` that holds the object's
 * first bytes; version 2 a sliced download, whose `slices` say which ranges are on disk.
 *
 * @example
 * ```ts
 * const sidecar: PartSidecar = {
 *   version: 1,
 *   url: "https://storage.googleapis.com/bucket/job/archive-001.zip",
 *   size: 1_073_741_824,
 *   crc32c: "yZRlqg==",
 *   etag: '"abc"',
 * };
 * ```
 */
export interface PartSidecar {
  /** Format version: 1 (one stream, the `.part` is a prefix) or 2 (sliced). */
  version: 1 | 2;
  /** Origin and path of the signed URL, without the query. */
  url: string;
  /** The archive's full size, once announced. */
  size?: number;
  /** CRC32C announced by the server (`x-goog-hash`), base64. */
  crc32c?: string;
  /** MD5 announced by the server, base64. */
  md5?: string;
  /** The object's ETag, to notice that the archive changed between runs. */
  etag?: string;
  /** Version 2: the slices, in object order, covering `[0, size)`. */
  slices?: SliceProgress[];
}

/** The working files of one archive. */
export interface PartPaths {
  final: string;
  part: string;
  sidecar: string;
}

/** `<final>.part` and `<final>.part.json`. */
export function partPaths(finalPath: string): PartPaths {
  return { final: finalPath, part: `${finalPath}.part`, sidecar: `${finalPath}.part.json` };
}

/**
 * Reads a sidecar; `undefined` when missing, unreadable or inconsistent (the part is then not
 * trusted).
 */
export async function readSidecar(file: string): Promise<PartSidecar | undefined> {
  try {
    const json = JSON.parse(await readFile(file, "utf8")) as Partial<PartSidecar>;
    if (typeof json.url !== "string") return undefined;
    if (json.version === 1 && json.slices === undefined) return json as PartSidecar;
    if (json.version === 2 && coversObject(json.slices, json.size)) return json as PartSidecar;
    return undefined;
  } catch {
    return undefined;
  }
}

/** Whether `slices` tile `[0, size)` in order, each with a plausible `written`. */
function coversObject(slices: unknown, size: number | undefined): slices is SliceProgress[] {
  if (!Array.isArray(slices) || slices.length === 0 || !Number.isSafeInteger(size)) return false;
  let next = 0;
  for (const slice of slices as Partial<SliceProgress>[]) {
    const { start, end, written } = slice;
    if (start !== next || !Number.isSafeInteger(end) || !Number.isSafeInteger(written)) {
      return false;
    }
    if (
      (end as number) <= start ||
      (written as number) < 0 ||
      start + (written as number) > (end as number)
    ) {
      return false;
    }
    next = end as number;
  }
  return next === size;
}

/**
 * Writes a sidecar through a temporary file and a rename, so a crash leaves the previous
 * version or the new one, never a torn mix.
 */
export async function writeSidecar(file: string, sidecar: PartSidecar): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, `${JSON.stringify(sidecar)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

/** Deletes a `.part` file and its sidecar. */
export async function removePart(paths: PartPaths): Promise<void> {
  await rm(paths.part, { force: true });
  await rm(paths.sidecar, { force: true });
  await rm(`${paths.sidecar}.tmp`, { force: true });
}

/**
 * Feeds `length` bytes of a file from `start` on to a hasher (to resume hashing after a
 * restart); throws when the file holds fewer.
 */
export async function hashFileRange(
  file: string,
  start: number,
  length: number,
  hasher: ChunkHasher,
  signal?: AbortSignal,
): Promise<void> {
  if (length === 0) return;
  const stream = createReadStream(file, {
    start,
    end: start + length - 1,
    highWaterMark: 1 << 20,
    signal,
  });
  let read = 0;
  for await (const chunk of stream) {
    hasher.update(chunk as Buffer);
    read += (chunk as Buffer).byteLength;
  }
  if (read !== length) throw new Error(`${file} holds fewer than ${start + length} bytes`);
}
