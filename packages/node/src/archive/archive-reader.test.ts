import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { makeZip, setDeclaredSizes } from "../../test/support/make-zip.js";
import { useZipFolder } from "../../test/support/zip-folder.js";
import { ArchiveTooLargeError } from "../errors.js";
import { listArchiveEntries, openArchiveEntry } from "./archive-reader.js";

const folder = useZipFolder("dp-zip-");

describe("listArchiveEntries", () => {
  it("lists names, sizes, folders and symlinks without reading data", async () => {
    const file = await folder.zipFile(
      await makeZip([
        { name: "Takeout/", directory: true },
        { name: "Takeout/YouTube/history.json", data: '{"a":1}' },
        { name: "Takeout/réservé.txt", data: "x".repeat(1000) },
        { name: "Takeout/link", data: "../../etc", mode: 0o120777 },
      ]),
    );
    const entries = await listArchiveEntries(file);
    expect(
      entries.map(({ name, size, isDirectory, isSymlink }) => ({
        name,
        size,
        isDirectory,
        isSymlink,
      })),
    ).toEqual([
      { name: "Takeout/", size: 0, isDirectory: true, isSymlink: false },
      { name: "Takeout/YouTube/history.json", size: 7, isDirectory: false, isSymlink: false },
      { name: "Takeout/réservé.txt", size: 1000, isDirectory: false, isSymlink: false },
      { name: "Takeout/link", size: 9, isDirectory: false, isSymlink: true },
    ]);
    expect(entries[2]?.compressedSize).toBeLessThan(100);
    expect(entries[1]?.modifiedAt).toBeInstanceOf(Date);
  });

  it("enforces entry-count and declared-size limits", async () => {
    const file = await folder.zipFile(
      await makeZip([
        { name: "a.txt", data: "0".repeat(2048) },
        { name: "b.txt", data: "0".repeat(2048) },
      ]),
    );
    await expect(listArchiveEntries(file, { maxEntries: 1 })).rejects.toBeInstanceOf(
      ArchiveTooLargeError,
    );
    await expect(listArchiveEntries(file, { maxEntries: 1 })).rejects.toMatchObject({
      limit: "maxEntries",
      actual: 2,
    });
    await expect(listArchiveEntries(file, { maxEntryBytes: 1024 })).rejects.toMatchObject({
      limit: "maxEntryBytes",
      entryName: "a.txt",
    });
    await expect(listArchiveEntries(file, { maxTotalBytes: 3000 })).rejects.toBeInstanceOf(
      ArchiveTooLargeError,
    );
  });

  it("refuses a small zip declaring gigabytes (compression-ratio guard)", async () => {
    const file = await folder.zipFile(
      setDeclaredSizes(await makeZip([{ name: "bomb", data: "0" }]), 2 ** 31),
    );
    await expect(listArchiveEntries(file)).rejects.toMatchObject({ limit: "maxRatio" });
  });
});

describe("openArchiveEntry", () => {
  it("streams one entry", async () => {
    const file = await folder.zipFile(
      await makeZip([
        { name: "a.json", data: '{"a":1}' },
        { name: "b.json", data: "B".repeat(100_000) },
      ]),
    );
    expect(await text(await openArchiveEntry(file, "b.json"))).toBe("B".repeat(100_000));
    expect(await text(await openArchiveEntry(file, "a.json"))).toBe('{"a":1}');
  });

  it("fails with ENOENT for a missing entry", async () => {
    const file = await folder.zipFile(await makeZip([{ name: "a.json", data: "{}" }]));
    await expect(openArchiveEntry(file, "nope.json")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("errors when an entry inflates past its declared size", async () => {
    const file = await folder.zipFile(
      setDeclaredSizes(await makeZip([{ name: "liar.txt", data: "z".repeat(50_000) }]), 10),
    );
    await expect(text(await openArchiveEntry(file, "liar.txt"))).rejects.toThrow(/too many bytes/);
  });
});
