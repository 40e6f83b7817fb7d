import { createReadStream } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import type { ArchiveHasher } from "./archive-hasher.js";

/**
 * What the downloader remembers about an unfinished archive, next to its `.part` file
 * (`<name>.part.json`), so another run can resume it with `Range`. Holds no secret: the URL is
 * kept without its query (the signature).
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
  /** Format version of the sidecar file. */
  version: 1;
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

/** Reads a sidecar; `undefined` when missing or unreadable (the part is then not trusted). */
export async function readSidecar(file: string): Promise<PartSidecar | undefined> {
  try {
    const json = JSON.parse(await readFile(file, "utf8")) as Partial<PartSidecar>;
    if (json.version !== 1 || typeof json.url !== "string") return undefined;
    return json as PartSidecar;
  } catch {
    return undefined;
  }
}

/** Writes a sidecar (small, so a plain write; a torn one reads as missing and restarts). */
export async function writeSidecar(file: string, sidecar: PartSidecar): Promise<void> {
  await writeFile(file, `${JSON.stringify(sidecar)}\n`, { mode: 0o600 });
}

/** Deletes a `.part` file and its sidecar. */
export async function removePart(paths: PartPaths): Promise<void> {
  await rm(paths.part, { force: true });
  await rm(paths.sidecar, { force: true });
}

/** Feeds the first `length` bytes of a file to a hasher (to resume hashing after a restart). */
export async function hashFilePrefix(
  file: string,
  length: number,
  hasher: ArchiveHasher,
  signal?: AbortSignal,
): Promise<void> {
  if (length === 0) return;
  const stream = createReadStream(file, {
    start: 0,
    end: length - 1,
    highWaterMark: 1 << 20,
    signal,
  });
  for await (const chunk of stream) hasher.update(chunk as Buffer);
  if (hasher.bytes !== length) throw new Error(`${file} is shorter than ${length} bytes`);
}
