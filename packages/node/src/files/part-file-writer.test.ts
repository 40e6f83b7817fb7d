import { randomBytes } from "node:crypto";
import { fdatasync, writev } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArchiveWriteError } from "../errors.js";
import { ArchiveHasher } from "./archive-hasher.js";
import { type PartFileIo, PartFileWriter } from "./part-file-writer.js";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "dp-writer-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function hashOf(bytes: Buffer) {
  const hasher = new ArchiveHasher({ md5: false });
  hasher.update(bytes);
  return hasher.digest();
}

/** A source handing out `data` in `size`-byte chunks, then failing with `failure` if given. */
function chunked(data: Buffer, size: number, failure?: Error): Readable {
  let at = 0;
  return new Readable({
    highWaterMark: size,
    read() {
      if (at < data.length) {
        this.push(data.subarray(at, at + size));
        at += size;
      } else if (failure) this.destroy(failure);
      else this.push(null);
    },
  });
}

describe("PartFileWriter", () => {
  it("writes and hashes every byte, reporting each write, with memory bounded by pausing", async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const file = path.join(folder, "a.part");
    const hasher = new ArchiveHasher({ md5: false });
    let reported = 0;
    // Tiny limits: the source is paused on every chunk and a background sync runs often.
    const writer = await PartFileWriter.open(file, 0, hasher, (n) => (reported += n), {
      maxPendingBytes: 1,
      syncEveryBytes: 256 * 1024,
    });
    const source = chunked(data, 64 * 1024);
    let pauses = 0;
    source.on("pause", () => pauses++);
    expect(await writer.receive(source)).toBeUndefined();
    expect(writer.position).toBe(data.length);
    expect(reported).toBe(data.length);
    expect(pauses).toBeGreaterThan(0);
    expect((await readFile(file)).equals(data)).toBe(true);
    expect(hasher.digest()).toEqual(hashOf(data));
  });

  it("continues after the bytes already in the file, truncating what lies beyond", async () => {
    const file = path.join(folder, "b.part");
    await writeFile(file, "hello, stale tail");
    const hasher = new ArchiveHasher({ md5: false });
    hasher.update(Buffer.from("hello"));
    const writer = await PartFileWriter.open(file, 5, hasher, () => undefined);
    expect(await writer.receive(Readable.from([Buffer.from(" world")]))).toBeUndefined();
    expect(await readFile(file, "utf8")).toBe("hello world");
    expect(hasher.digest()).toEqual(hashOf(Buffer.from("hello world")));
  });

  it("keeps the bytes received before the source failed, and resolves with its error", async () => {
    const data = randomBytes(200_000);
    const file = path.join(folder, "c.part");
    const hasher = new ArchiveHasher({ md5: false });
    const writer = await PartFileWriter.open(file, 0, hasher, () => undefined);
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const failure = await writer.receive(chunked(data, 50_000, reset));
    expect(failure).toBe(reset);
    expect(writer.position).toBe(data.length);
    expect((await readFile(file)).equals(data)).toBe(true);
    expect(hasher.digest()).toEqual(hashOf(data));
  });

  it("stops when the signal aborts, keeping what arrived before", async () => {
    const file = path.join(folder, "d.part");
    const writer = await PartFileWriter.open(file, 0, new ArchiveHasher(), () => undefined);
    const controller = new AbortController();
    const source = new Readable({ read() {} });
    const done = writer.receive(source, controller.signal);
    source.push(Buffer.from("first bytes"));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error("user stopped"));
    expect(await done).toEqual(new Error("user stopped"));
    expect(source.destroyed).toBe(true);
    expect(await readFile(file, "utf8")).toBe("first bytes");
  });

  it("treats a source that closes without ending as cut short", async () => {
    const file = path.join(folder, "e.part");
    const writer = await PartFileWriter.open(file, 0, new ArchiveHasher(), () => undefined);
    const source = new Readable({ read() {} });
    const done = writer.receive(source);
    source.push(Buffer.from("partial"));
    await new Promise((resolve) => setImmediate(resolve));
    source.destroy();
    expect(String(await done)).toMatch(/closed before the end/);
    expect(writer.position).toBe(7);
  });

  it("takes only `limit` bytes and leaves what lies beyond them in place", async () => {
    const file = path.join(folder, "g.part");
    await writeFile(file, "0123456789");
    const writer = await PartFileWriter.open(file, 2, new ArchiveHasher(), () => undefined, {
      truncate: false,
    });
    const source = Readable.from([Buffer.from("abc"), Buffer.from("defgh")]);
    expect(await writer.receive(source, undefined, 5)).toBeUndefined();
    expect(writer.position).toBe(7);
    expect(source.destroyed).toBe(true);
    expect(await readFile(file, "utf8")).toBe("01abcde789");
  });

  it("stops at an offset set while receiving, leaving the rest of the source", async () => {
    const file = path.join(folder, "h.part");
    await writeFile(file, "0123456789");
    const writer = await PartFileWriter.open(file, 0, new ArchiveHasher(), () => undefined, {
      truncate: false,
      minWriteBytes: 1,
    });
    const source = Readable.from([Buffer.from("ab"), Buffer.from("cdef"), Buffer.from("gh")]);
    const received = writer.receive(source);
    // After the writer's own listener has taken the first chunk.
    source.once("data", () => {
      expect(writer.received).toBe(2);
      expect(() => writer.stopAt(2)).toThrow(RangeError);
      writer.stopAt(4);
    });
    expect(await received).toBeUndefined();
    expect(writer.position).toBe(4);
    expect(source.destroyed).toBe(true);
    expect(await readFile(file, "utf8")).toBe("abcd456789");
  });

  it("writes the rest after short writes until every byte landed", async () => {
    const data = randomBytes(100_000);
    const file = path.join(folder, "h.part");
    const hasher = new ArchiveHasher({ md5: false });
    let calls = 0;
    const writer = await PartFileWriter.open(file, 0, hasher, () => undefined, {
      io: trickle((fd, buffers, position, callback) => {
        calls++;
        // At most 999 bytes per call, cut mid-buffer.
        writev(fd, [Buffer.concat(buffers).subarray(0, 999)], position, callback);
      }),
    });
    expect(await writer.receive(chunked(data, 10_000))).toBeUndefined();
    expect(calls).toBeGreaterThanOrEqual(Math.ceil(data.length / 999));
    expect((await readFile(file)).equals(data)).toBe(true);
    expect(hasher.digest()).toEqual(hashOf(data));
  });

  it("after a short write, fails with the disk's reason as ArchiveWriteError and keeps what landed", async () => {
    const data = randomBytes(50_000);
    const file = path.join(folder, "i.part");
    const hasher = new ArchiveHasher({ md5: false });
    let calls = 0;
    const writer = await PartFileWriter.open(file, 0, hasher, () => undefined, {
      io: trickle((fd, buffers, position, callback) => {
        if (++calls === 1) {
          writev(fd, [Buffer.concat(buffers).subarray(0, 1234)], position, callback);
        } else {
          const full = Object.assign(new Error("ENOSPC: no space left on device, write"), {
            code: "ENOSPC",
          });
          callback(full, 0, buffers);
        }
      }),
    });
    const source = chunked(data, 50_000);
    const error = await writer.receive(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveWriteError);
    expect(error).toMatchObject({ code: "ENOSPC", path: file });
    expect(calls).toBe(2);
    expect(source.destroyed).toBe(true);
    expect(writer.position).toBe(1234);
    expect((await readFile(file)).equals(data.subarray(0, 1234))).toBe(true);
  });

  it("reports a full disk (/dev/full) as ArchiveWriteError ENOSPC naming the file", async () => {
    const writer = await PartFileWriter.open("/dev/full", 0, new ArchiveHasher(), () => undefined);
    const error = await writer.receive(chunked(randomBytes(300_000), 10_000)).catch((e) => e);
    expect(error).toBeInstanceOf(ArchiveWriteError);
    expect(error).toMatchObject({ code: "ENOSPC", path: "/dev/full" });
    expect(writer.position).toBe(0);
  });

  it("reports a file that cannot be opened as ArchiveWriteError with the system's code", async () => {
    const blocker = path.join(folder, "not-a-folder");
    await writeFile(blocker, "");
    const file = path.join(blocker, "a.part");
    const error = await PartFileWriter.open(file, 0, new ArchiveHasher(), () => undefined).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArchiveWriteError);
    expect(error).toMatchObject({ code: "ENOTDIR", path: file });
  });
});

/** A {@link PartFileIo} whose writev is `write` (for short writes and failures on demand). */
function trickle(
  write: (
    fd: number,
    buffers: Buffer[],
    position: number,
    callback: (error: NodeJS.ErrnoException | null, bytes: number, buffers: Buffer[]) => void,
  ) => void,
): PartFileIo {
  return { writev: write as unknown as PartFileIo["writev"], fdatasync };
}
