import { createReadStream, writev } from "node:fs";
import { type FileHandle, open, readFile, rm, writeFile } from "node:fs/promises";
import { type Readable, Writable } from "node:stream";
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

/**
 * A writable stream onto a `.part` file that hashes each chunk only once it is on disk, so the
 * hash state and `position` always describe the bytes actually written, even when the source
 * fails mid-transfer.
 *
 * @example
 * ```ts
 * const writer = await PartFileWriter.open("a.zip.part", 0, hasher, (n) => tracker.add("a", n));
 * const failure = await writer.receive(response); // undefined, or the network error
 * console.log(writer.position, "bytes on disk");
 * ```
 */
export class PartFileWriter extends Writable {
  #position: number;
  #inflight: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly hasher: ArchiveHasher,
    private readonly onWritten: (bytes: number) => void,
  ) {
    super({ highWaterMark: 1 << 20 });
    this.#position = start;
  }

  /** Opens (creating if needed) `file` for writing at `start`, truncating anything beyond it. */
  static async open(
    file: string,
    start: number,
    hasher: ArchiveHasher,
    onWritten: (bytes: number) => void,
  ): Promise<PartFileWriter> {
    const handle = await open(file, start === 0 ? "w" : "r+", 0o600);
    try {
      await handle.truncate(start);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new PartFileWriter(handle, start, hasher, onWritten);
  }

  /** Bytes in the file so far. */
  get position(): number {
    return this.#position;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error) => void) {
    this._writev([{ chunk }], callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error) => void): void {
    const buffers = chunks.map(({ chunk }) => chunk);
    // The callback API costs the event loop less per write than FileHandle's promises.
    this.#inflight = new Promise<number>((resolve, reject) =>
      writev(this.handle.fd, buffers, this.#position, (error, bytes) =>
        error ? reject(error) : resolve(bytes),
      ),
    ).then((bytesWritten) => {
      let left = bytesWritten;
      for (const buffer of buffers) {
        // A short write is possible in theory; hash exactly what landed and fail the rest.
        const piece = left >= buffer.byteLength ? buffer : buffer.subarray(0, left);
        this.hasher.update(piece);
        left -= piece.byteLength;
      }
      this.#position += bytesWritten;
      this.onWritten(bytesWritten);
      const expected = buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
      callback(bytesWritten === expected ? undefined : new Error("short write to .part file"));
    }, callback);
  }

  /**
   * Writes `source` to the file until it ends or fails. Bytes received before a failure of the
   * source are still written. Resolves with the source's error (`undefined` on success) once
   * the file is flushed and closed; rejects when writing to disk fails.
   */
  receive(source: Readable, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let failure: unknown;
      const stopReading = (error: unknown) => {
        failure ??= error;
        source.unpipe(this);
        source.destroy();
        this.end();
      };
      const onAbort = () => stopReading(signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      source.once("error", stopReading);
      source.once("aborted", () => stopReading(new Error("the connection was aborted")));
      this.once("error", (error) => {
        source.destroy();
        reject(error);
      });
      this.once("finish", () => {
        signal?.removeEventListener("abort", onAbort);
        this.close().then(() => resolve(failure), reject);
      });
      if (signal?.aborted) onAbort();
      else source.pipe(this);
    });
  }

  /** Flushes to disk and closes, once any write under way has landed. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#inflight.catch(() => undefined);
    try {
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }
}
