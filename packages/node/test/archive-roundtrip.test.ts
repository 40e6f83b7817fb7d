import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { afterEach, beforeEach, expect, it } from "vitest";
import {
  downloadArchive,
  extractArchive,
  listArchiveEntries,
  openArchiveEntry,
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
