import { fdatasync, writev } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { ArchiveHasher } from "./archive-hasher.js";

/** Sizes that bound the memory and the final flush of a {@link PartFileWriter}. */
export interface PartFileWriterLimits {
  /** Bytes held in memory, waiting for the disk, before the source is paused. */
  maxPendingBytes: number;
  /** Bytes written between background `fdatasync`s, so closing has little left to flush. */
  syncEveryBytes: number;
}

const ignore = () => undefined;

const DEFAULT_LIMITS: PartFileWriterLimits = {
  maxPendingBytes: 1 << 20,
  syncEveryBytes: 32 << 20,
};

/**
 * Writes a response body onto a `.part` file and hashes each write once it is on disk, so the
 * hash state and `position` always describe the bytes actually written, even when the source
 * fails mid-transfer.
 *
 * Chunks are written as soon as the previous write has landed, all that arrived meanwhile in
 * one `writev`; the source is paused while `maxPendingBytes` wait for the disk, so memory stays
 * flat. Every `syncEveryBytes` an `fdatasync` runs in the background, so the `fsync` that
 * makes the file durable before its rename has little left to do (it was a quarter of a
 * second per GiB at the end of every download).
 *
 * @example
 * ```ts
 * const writer = await PartFileWriter.open("a.zip.part", 0, hasher, (n) => tracker.add("a", n));
 * const failure = await writer.receive(response); // undefined, or the network error
 * console.log(writer.position, "bytes on disk");
 * ```
 */
export class PartFileWriter {
  #position: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #writing: Promise<void> | undefined;
  #diskError: unknown;
  #sinceSync = 0;
  #syncing: Promise<void> | undefined;
  #closed = false;

  private constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly hasher: ArchiveHasher,
    private readonly onWritten: (bytes: number) => void,
    private readonly limits: PartFileWriterLimits,
  ) {
    this.#position = start;
  }

  /** Opens (creating if needed) `file` for writing at `start`, truncating anything beyond it. */
  static async open(
    file: string,
    start: number,
    hasher: ArchiveHasher,
    onWritten: (bytes: number) => void,
    limits: Partial<PartFileWriterLimits> = {},
  ): Promise<PartFileWriter> {
    const handle = await open(file, start === 0 ? "w" : "r+", 0o600);
    try {
      if (start > 0) await handle.truncate(start);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new PartFileWriter(handle, start, hasher, onWritten, { ...DEFAULT_LIMITS, ...limits });
  }

  /** Bytes in the file so far. */
  get position(): number {
    return this.#position;
  }

  /**
   * Writes `source` to the file until it ends or fails. Bytes received before a failure of the
   * source are still written. Resolves with the source's error (`undefined` on success) once
   * the file is flushed and closed; rejects when writing to disk fails.
   */
  receive(source: Readable, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let failure: unknown;
      let done = false;
      const onData = (chunk: Buffer) => {
        this.#pending.push(chunk);
        this.#pendingBytes += chunk.byteLength;
        this.#startWrite(source);
        if (this.#pendingBytes >= this.limits.maxPendingBytes) source.pause();
      };
      const finish = () => {
        if (done) return;
        done = true;
        source.off("data", onData);
        source.off("end", finish);
        source.off("error", stop);
        source.off("aborted", onAborted);
        source.off("close", onClose);
        signal?.removeEventListener("abort", onAbort);
        // The outcome is decided; an error the source reports later must not go unhandled.
        source.on("error", ignore);
        this.#drain()
          .then(() => this.close())
          .then(
            () => resolve(failure),
            (error: unknown) => {
              const report = () => reject(error);
              this.close().then(report, report);
            },
          );
      };
      const stop = (error: unknown) => {
        failure ??= error;
        finish();
        source.destroy();
      };
      const onAbort = () => stop(signal?.reason);
      const onAborted = () => stop(new Error("the connection was aborted"));
      // A body that closes without `end` (and without an error) was cut short.
      const onClose = () => stop(new Error("the connection closed before the end of the body"));
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      source.on("data", onData);
      source.once("end", finish);
      source.once("error", stop);
      source.once("aborted", onAborted);
      source.once("close", onClose);
    });
  }

  /** Flushes to disk and closes, once any write under way has landed. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writing?.catch(() => undefined);
    await this.#syncing;
    try {
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  /** Starts a write of everything pending, unless one is under way (it chains the next). */
  #startWrite(source?: Readable): void {
    if (this.#writing || this.#pendingBytes === 0 || this.#diskError !== undefined) return;
    const buffers = this.#pending;
    const expected = this.#pendingBytes;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#writing = this.#write(buffers, expected).then(
      () => {
        this.#writing = undefined;
        this.#startWrite(source);
        if (source?.isPaused() && this.#pendingBytes < this.limits.maxPendingBytes) {
          source.resume();
        }
      },
      (error: unknown) => {
        this.#writing = undefined;
        this.#diskError = error;
        source?.destroy();
      },
    );
  }

  /** Writes what is still pending, after any write under way; throws the disk's error. */
  async #drain(): Promise<void> {
    while (this.#writing || (this.#pendingBytes > 0 && this.#diskError === undefined)) {
      if (!this.#writing) this.#startWrite();
      await this.#writing;
    }
    if (this.#diskError !== undefined) throw this.#diskError;
  }

  async #write(buffers: Buffer[], expected: number): Promise<void> {
    // The callback API costs the event loop less per write than FileHandle's promises.
    const written = await new Promise<number>((resolve, reject) =>
      writev(this.handle.fd, buffers, this.#position, (error, bytes) =>
        error ? reject(error) : resolve(bytes),
      ),
    );
    let left = written;
    for (const buffer of buffers) {
      // A short write is possible in theory; hash exactly what landed and fail the rest.
      const piece = left >= buffer.byteLength ? buffer : buffer.subarray(0, left);
      this.hasher.update(piece);
      left -= piece.byteLength;
      if (left === 0) break;
    }
    this.#position += written;
    this.onWritten(written);
    if (written !== expected) throw new Error("short write to .part file");
    this.#sinceSync += written;
    if (this.#sinceSync >= this.limits.syncEveryBytes && !this.#syncing) {
      this.#sinceSync = 0;
      // Flushing as the file grows leaves the final fsync (before the rename) little to do;
      // its errors, if any, resurface there.
      this.#syncing = new Promise<void>((resolve) =>
        fdatasync(this.handle.fd, () => {
          this.#syncing = undefined;
          resolve();
        }),
      );
    }
  }
}
