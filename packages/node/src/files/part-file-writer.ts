import { fdatasync, writev } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { ArchiveWriteError } from "../errors.js";

/** The system calls a {@link PartFileWriter} writes with (replaceable to provoke disk failures). */
export interface PartFileIo {
  writev: typeof writev;
  fdatasync: typeof fdatasync;
}

/** Sizes that bound the memory and the final flush of a {@link PartFileWriter}, and its I/O. */
export interface PartFileWriterLimits {
  /** Bytes held in memory, waiting for the disk, before the source is paused. */
  maxPendingBytes: number;
  /**
   * Bytes gathered before a write starts (what is left is written when the source ends or
   * fails): fewer, larger writes cost less CPU per byte than one per network chunk.
   */
  minWriteBytes: number;
  /** Bytes written between background `fdatasync`s, so closing has little left to flush. */
  syncEveryBytes: number;
  /**
   * `true` (default) cuts the file at `start`; `false` keeps what lies beyond it, for slices
   * of one file written side by side.
   */
  truncate: boolean;
  io: PartFileIo;
}

/** What a {@link PartFileWriter} feeds every written byte to, in file order. */
export interface ChunkHasher {
  update(chunk: Uint8Array): void;
}

const ignore = () => undefined;

const DEFAULT_LIMITS: PartFileWriterLimits = {
  maxPendingBytes: 1 << 20,
  minWriteBytes: 256 << 10,
  syncEveryBytes: 32 << 20,
  truncate: true,
  io: { writev, fdatasync },
};

/**
 * A failure of the file system about `file`, as {@link ArchiveWriteError} when the system names
 * its cause (ENOSPC, EACCES, EROFS, EIO, …); anything else unchanged.
 */
export function asWriteError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof ArchiveWriteError || typeof code !== "string" || !/^E[A-Z]+$/.test(code)) {
    return error;
  }
  return new ArchiveWriteError({ code, path: file }, { cause: error });
}

/**
 * Writes a response body onto a `.part` file and hashes each write once it is on disk, so the
 * hash state and `position` always describe the bytes actually written, even when the source
 * fails mid-transfer. A short write is followed by another for the rest, until the disk takes
 * every byte or says why it cannot; its refusal is an {@link ArchiveWriteError}, and the bytes
 * written before it stay for a resume.
 *
 * Chunks are gathered until `minWriteBytes` are pending, then written in one `writev` as soon
 * as the previous write has landed; the source is paused while `maxPendingBytes` wait for the
 * disk, so memory stays
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
  /** Where the next byte taken from the source goes (written or still pending). */
  #received: number;
  /** One past the last byte to take from the source. */
  #stopAt = Infinity;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #writing: Promise<void> | undefined;
  #diskError: unknown;
  #sinceSync = 0;
  #syncing: Promise<void> | undefined;
  #closed = false;

  private constructor(
    private readonly file: string,
    private readonly handle: FileHandle,
    start: number,
    private readonly hasher: ChunkHasher,
    private readonly onWritten: (bytes: number) => void,
    private readonly limits: PartFileWriterLimits,
  ) {
    this.#position = start;
    this.#received = start;
  }

  /**
   * Opens (creating if needed) `file` for writing at `start`, truncating anything beyond it
   * unless `limits.truncate` is `false`. Throws {@link ArchiveWriteError} when the disk refuses.
   */
  static async open(
    file: string,
    start: number,
    hasher: ChunkHasher,
    onWritten: (bytes: number) => void,
    limits: Partial<PartFileWriterLimits> = {},
  ): Promise<PartFileWriter> {
    const settings = { ...DEFAULT_LIMITS, ...limits };
    let handle: FileHandle;
    try {
      handle = await open(file, start === 0 && settings.truncate ? "w" : "r+", 0o600);
    } catch (error) {
      throw asWriteError(error, file);
    }
    try {
      if (start > 0 && settings.truncate) await handle.truncate(start);
    } catch (error) {
      await handle.close();
      throw asWriteError(error, file);
    }
    return new PartFileWriter(file, handle, start, hasher, onWritten, settings);
  }

  /**
   * Limits for one of `ways` writers that share the memory budget of one (the slices of a
   * file), so a file's memory does not grow with its slices.
   */
  static shareOf(ways: number): Pick<PartFileWriterLimits, "maxPendingBytes" | "minWriteBytes"> {
    return {
      maxPendingBytes: Math.max(256 << 10, Math.floor(DEFAULT_LIMITS.maxPendingBytes / ways)),
      minWriteBytes: Math.max(64 << 10, Math.floor(DEFAULT_LIMITS.minWriteBytes / ways)),
    };
  }

  /** Bytes in the file so far. */
  get position(): number {
    return this.#position;
  }

  /** Where the next byte taken from the source goes: `position` plus the bytes still pending. */
  get received(): number {
    return this.#received;
  }

  /**
   * Takes nothing from the source at or after `end` (a file offset beyond {@link received}):
   * a receive under way then stops there, and the rest of its source is left to another slice.
   */
  stopAt(end: number): void {
    if (end <= this.#received) {
      throw new RangeError(
        `PartFileWriter: cannot stop at ${end}, ${this.#received} already taken`,
      );
    }
    this.#stopAt = Math.min(this.#stopAt, end);
  }

  /**
   * Writes `source` to the file until it ends or fails, or until `limit` bytes are taken, or
   * the offset given to {@link stopAt} is reached (the source is then destroyed: the rest belongs
   * to another slice). Bytes received before a failure of the source are still written. Resolves with the source's error (`undefined` on
   * success) once the file is flushed and closed; rejects with {@link ArchiveWriteError} when
   * the disk refuses.
   */
  receive(source: Readable, signal?: AbortSignal, limit = Infinity): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let failure: unknown;
      let done = false;
      this.#stopAt = Math.min(this.#stopAt, this.#received + limit);
      const onData = (chunk: Buffer) => {
        const wanted = this.#stopAt - this.#received;
        const piece = chunk.byteLength > wanted ? chunk.subarray(0, wanted) : chunk;
        this.#received += piece.byteLength;
        this.#pending.push(piece);
        this.#pendingBytes += piece.byteLength;
        this.#startWrite(source);
        if (this.#received === this.#stopAt) {
          finish();
          source.destroy();
        } else if (this.#pendingBytes >= this.limits.maxPendingBytes) source.pause();
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
      if (this.#received >= this.#stopAt) {
        finish();
        source.destroy();
        return;
      }
      // A source handed over after it broke (its events are gone) fails at once.
      if (source.destroyed) {
        stop(source.errored ?? new Error("the connection closed before the end of the body"));
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
    } catch (error) {
      throw asWriteError(error, this.file);
    } finally {
      await this.handle.close();
    }
  }

  /**
   * Starts a write of everything pending once enough has gathered (or at once when `all`),
   * unless one is under way (it chains the next).
   */
  #startWrite(source?: Readable, all = false): void {
    if (this.#writing || this.#pendingBytes === 0 || this.#diskError !== undefined) return;
    const { minWriteBytes, maxPendingBytes } = this.limits;
    if (!all && this.#pendingBytes < Math.min(minWriteBytes, maxPendingBytes)) return;
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
      if (!this.#writing) this.#startWrite(undefined, true);
      await this.#writing;
    }
    if (this.#diskError !== undefined) throw this.#diskError;
  }

  async #write(buffers: Buffer[], expected: number): Promise<void> {
    let rest = buffers;
    let left = expected;
    let emptyWrites = 0;
    while (left > 0) {
      const written = await this.#writeOnce(rest);
      // A short write (the disk filling up, a signal) is followed by one for the rest: the
      // next one either lands or fails with the disk's reason.
      if (written === 0 && ++emptyWrites > 1) {
        // A regular file that takes nothing twice, without an error, has no room left.
        throw new ArchiveWriteError({ code: "ENOSPC", path: this.file });
      }
      rest = this.#landed(rest, written);
      left -= written;
    }
    this.#sinceSync += expected;
    if (this.#sinceSync >= this.limits.syncEveryBytes && !this.#syncing) {
      this.#sinceSync = 0;
      // Flushing as the file grows leaves the final fsync (before the rename) little to do;
      // its errors, if any, resurface there.
      this.#syncing = new Promise<void>((resolve) =>
        this.limits.io.fdatasync(this.handle.fd, () => {
          this.#syncing = undefined;
          resolve();
        }),
      );
    }
  }

  #writeOnce(buffers: Buffer[]): Promise<number> {
    // The callback API costs the event loop less per write than FileHandle's promises.
    return new Promise<number>((resolve, reject) =>
      this.limits.io.writev(this.handle.fd, buffers, this.#position, (error, bytes) =>
        error ? reject(asWriteError(error, this.file)) : resolve(bytes),
      ),
    );
  }

  /** Hashes and counts the `written` bytes that landed; returns the buffers still to write. */
  #landed(buffers: Buffer[], written: number): Buffer[] {
    let left = written;
    let rest: Buffer[] = [];
    for (const [index, buffer] of buffers.entries()) {
      if (left < buffer.byteLength) {
        if (left > 0) this.hasher.update(buffer.subarray(0, left));
        rest = [buffer.subarray(left), ...buffers.slice(index + 1)];
        break;
      }
      this.hasher.update(buffer);
      left -= buffer.byteLength;
    }
    this.#position += written;
    this.onWritten(written);
    return rest;
  }
}
