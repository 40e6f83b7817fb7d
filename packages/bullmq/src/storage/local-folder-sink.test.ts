import { createReadStream } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localFolderSink } from "./local-folder-sink.js";
import type { ArchiveFileToStore } from "./storage-sink.js";

let dir: string;
let source: string;
const signal = new AbortController().signal;

const file = (key: string): ArchiveFileToStore => ({
  key,
  userId: "u1",
  exportId: "exp_1",
  archiveJobId: "42",
  index: 0,
  fileName: "archive.zip",
  path: source,
  size: 5,
  sha256: "",
  crc32c: "",
  open: () => createReadStream(source),
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dp-sink-"));
  source = path.join(dir, "source.zip");
  await writeFile(source, "bytes");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("localFolderSink", () => {
  it("stores a copy under the key with mode 0600, and a repeat overwrites it", async () => {
    const sink = localFolderSink(path.join(dir, "out"));
    const first = await sink.put(file("u1/exp_1/archive.zip"), { signal });
    expect(first.location).toBe(path.join(dir, "out", "u1", "exp_1", "archive.zip"));
    expect(await readFile(first.location, "utf8")).toBe("bytes");
    expect((await stat(first.location)).mode & 0o777).toBe(0o600);
    await writeFile(source, "new bytes");
    await sink.put(file("u1/exp_1/archive.zip"), { signal });
    expect(await readFile(first.location, "utf8")).toBe("new bytes");
    expect(await readdir(path.dirname(first.location))).toEqual(["archive.zip"]);
    expect(await readFile(source, "utf8")).toBe("new bytes");
  });

  it("refuses keys that leave the folder", async () => {
    const sink = localFolderSink(path.join(dir, "out"));
    await expect(sink.put(file("../escape.zip"), { signal })).rejects.toThrow(/leaves the folder/);
    await expect(sink.put(file("/etc/passwd"), { signal })).rejects.toThrow(/leaves the folder/);
    await expect(readdir(dir)).resolves.not.toContain("escape.zip");
  });

  it("needs a folder", () => {
    expect(() => localFolderSink("")).toThrow(/folder/);
  });
});
