import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSidecar, writeSidecar } from "./part-file.js";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "dp-sidecar-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const url = "https://storage.googleapis.com/b/a.zip";

describe("part sidecars", () => {
  it("reads back version 1 and version 2 sidecars", async () => {
    const file = path.join(folder, "a.zip.part.json");
    await writeSidecar(file, { version: 1, url, size: 10 });
    expect(await readSidecar(file)).toEqual({ version: 1, url, size: 10 });
    const slices = [
      { start: 0, end: 6, written: 6 },
      { start: 6, end: 10, written: 1 },
    ];
    await writeSidecar(file, { version: 2, url, size: 10, slices });
    expect(await readSidecar(file)).toEqual({ version: 2, url, size: 10, slices });
  });

  it.each([
    ["slices that do not reach the size", [{ start: 0, end: 6, written: 0 }]],
    [
      "a gap between slices",
      [
        { start: 0, end: 4, written: 0 },
        { start: 5, end: 10, written: 0 },
      ],
    ],
    ["more written than the slice holds", [{ start: 0, end: 10, written: 11 }]],
    ["no slices", []],
  ])("does not trust a version 2 sidecar with %s", async (_, slices) => {
    const file = path.join(folder, "b.zip.part.json");
    await writeFile(file, JSON.stringify({ version: 2, url, size: 10, slices }));
    expect(await readSidecar(file)).toBeUndefined();
  });

  it("does not trust a version 1 sidecar that carries slices (written by no known version)", async () => {
    const file = path.join(folder, "c.zip.part.json");
    const slices = [{ start: 0, end: 10, written: 3 }];
    await writeFile(file, JSON.stringify({ version: 1, url, size: 10, slices }));
    expect(await readSidecar(file)).toBeUndefined();
  });
});
