import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { readRecords } from "@dataportability/archive";
import { afterEach, beforeEach, expect, it } from "vitest";
import {
  downloadArchive,
  extractArchive,
  listArchiveEntries,
  openArchiveEntry,
  openArchiveFile,
} from "../src/index.js";
import { startEmulator, type TestEmulator } from "./support/emulator.js";

let folder: string;
let emu: TestEmulator;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "dp-roundtrip-"));
  emu = await startEmulator({ archiveBytes: 512 * 1024 });
});
afterEach(async () => {
  await emu.close();
  await rm(folder, { recursive: true, force: true });
});

it("lists, streams and extracts an archive downloaded from the emulator", async () => {
  const state = await emu.completedJob();
  const { files } = await downloadArchive({ state, folder: path.join(folder, "zips") });
  const zip = files[0]!.path;
  const expected = await emu.server.emulator.expectedArchive(state.urls[0]!);

  const entries = await listArchiveEntries(zip);
  const listed = entries.filter((e) => !e.isDirectory);
  expect(listed.map(({ name, size, crc32 }) => ({ name, size, crc32 }))).toEqual(
    expected.entries.map(({ name, size, crc32 }) => ({ name, size, crc32 })),
  );

  const first = listed[0]!;
  expect((await buffer(await openArchiveEntry(zip, first.name))).length).toBe(first.size);

  const out = path.join(folder, "extracted");
  const result = await extractArchive(zip, out);
  expect(result.files).toHaveLength(listed.length);
  expect(result.bytes).toBe(listed.reduce((sum, e) => sum + e.size, 0));
  for (const entry of listed) {
    expect((await stat(path.join(out, entry.name))).size).toBe(entry.size);
  }
});

it("reads the records of a downloaded archive file, twice, with the same result", async () => {
  const state = await emu.completedJob();
  const { files } = await downloadArchive({ state, folder: path.join(folder, "zips") });
  const archive = openArchiveFile(files[0]!.path);
  const read = async () => {
    const keys: string[] = [];
    for await (const item of readRecords(archive, { resources: ["myactivity.youtube"] })) {
      if (item.kind === "record") keys.push(`${item.file}#${item.index}`);
    }
    return keys;
  };
  const first = await read();
  expect(first.length).toBeGreaterThan(0);
  expect(first[0]).toMatch(/^Portability\/My Activity\/YouTube\/.+#0$/);
  expect(await read()).toEqual(first);
});
