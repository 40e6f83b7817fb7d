import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArchiveHasher } from "./archive-hasher.js";
import { PartFileWriter } from "./part-file-writer.js";

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

  it("rejects when writing fails, and stops reading", async () => {
    const file = path.join(folder, "f.part");
    const diskFull = Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    const writer = await PartFileWriter.open(file, 0, new ArchiveHasher(), () => {
      throw diskFull;
    });
    const source = chunked(randomBytes(300_000), 10_000);
    await expect(writer.receive(source)).rejects.toBe(diskFull);
    expect(source.destroyed).toBe(true);
  });
});
