import { mkdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeZip, renameEntries } from "../../test/support/make-zip.js";
import { useZipFolder } from "../../test/support/zip-folder.js";
import { UnsafeArchiveEntryError } from "../errors.js";
import { extractArchive } from "./extract-archive.js";

const folder = useZipFolder("dp-extract-");

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

describe("extractArchive", () => {
  it("extracts every entry with private permissions", async () => {
    const file = await folder.zipFile(
      await makeZip([
        { name: "Takeout/", directory: true },
        { name: "Takeout/YouTube/history.json", data: '{"a":1}' },
        { name: "Takeout/big.bin", data: Buffer.alloc(300_000, 7) },
      ]),
    );
    const out = path.join(folder.dir, "out");
    const result = await extractArchive(file, out);
    expect(result.bytes).toBe(300_007);
    expect(result.files).toEqual([
      path.join(out, "Takeout", "YouTube", "history.json"),
      path.join(out, "Takeout", "big.bin"),
    ]);
    expect(await readFile(path.join(out, "Takeout/YouTube/history.json"), "utf8")).toBe('{"a":1}');
    expect((await stat(path.join(out, "Takeout/big.bin"))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(out, "Takeout"))).mode & 0o777).toBe(0o700);
  });

  it.each([
    ["xx/evil.txt", "../evil.txt"],
    ["xevil.txt", "/evil.txt"],
    ["xxevil.txt", "C:evil.txt"],
    ["aa/bb/evil.txt", "..\\..\\evil.txt"],
  ])("refuses a zip-slip entry (%s renamed %s) before writing anything", async (safe, evil) => {
    const zip = await makeZip([
      { name: "first.txt", data: "written only if the archive is safe" },
      { name: safe, data: "pwned" },
    ]);
    const file = await folder.zipFile(renameEntries(zip, { [safe]: evil }));
    const out = path.join(folder.dir, "out", "nested");
    await expect(extractArchive(file, out)).rejects.toBeInstanceOf(UnsafeArchiveEntryError);
    expect(await exists(path.join(out, "first.txt"))).toBe(false);
    expect(await exists(path.join(folder.dir, "out", "evil.txt"))).toBe(false);
    expect(await exists(path.join(folder.dir, "evil.txt"))).toBe(false);
  });

  it("refuses symbolic-link entries", async () => {
    const file = await folder.zipFile(
      await makeZip([{ name: "link", data: "/etc/passwd", mode: 0o120777 }]),
    );
    await expect(extractArchive(file, path.join(folder.dir, "out"))).rejects.toThrow(
      /symbolic links/,
    );
  });

  it("refuses to write through a symbolic link already on disk", async () => {
    const outside = path.join(folder.dir, "outside");
    const out = path.join(folder.dir, "out");
    await mkdir(outside);
    await mkdir(out);
    await symlink(outside, path.join(out, "Takeout"));
    const file = await folder.zipFile(await makeZip([{ name: "Takeout/a.txt", data: "x" }]));
    await expect(extractArchive(file, out)).rejects.toThrow(/links outside/);
    expect(await exists(path.join(outside, "a.txt"))).toBe(false);
  });

  it("does not overwrite unless asked, and honours a filter", async () => {
    const file = await folder.zipFile(
      await makeZip([
        { name: "a.txt", data: "new" },
        { name: "b.txt", data: "b" },
      ]),
    );
    const out = path.join(folder.dir, "out");
    await mkdir(out);
    await writeFile(path.join(out, "a.txt"), "old");
    await expect(extractArchive(file, out)).rejects.toMatchObject({ code: "EEXIST" });
    const result = await extractArchive(file, out, {
      overwrite: true,
      filter: (name) => name === "a.txt",
    });
    expect(result.files).toEqual([path.join(out, "a.txt")]);
    expect(await readFile(path.join(out, "a.txt"), "utf8")).toBe("new");
    expect(await exists(path.join(out, "b.txt"))).toBe(false);
  });

  it("stops when aborted", async () => {
    const file = await folder.zipFile(await makeZip([{ name: "a.txt", data: "a" }]));
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(
      extractArchive(file, path.join(folder.dir, "out"), { signal: controller.signal }),
    ).rejects.toThrow("stop");
  });
});
