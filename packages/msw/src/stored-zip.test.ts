import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { digestArchive } from "./archive-digest.js";
import { type ArchivePlanInput, MAX_FILE_BYTES, planArchive } from "./archive-plan.js";
import { recordFileChunks, recordText } from "./archive-records.js";
import { zipChunks } from "./stored-zip.js";

const input: ArchivePlanInput = {
  seed: 7,
  jobId: "123",
  index: 0,
  count: 1,
  resources: ["myactivity.youtube", "youtube.comments", "chrome.history"],
  fromMs: Date.parse("2025-01-01T00:00:00Z"),
  toMs: Date.parse("2026-01-01T00:00:00Z"),
  archiveBytes: 300_000,
  modifiedAtMs: Date.parse("2026-01-02T03:04:06Z"),
};

function concat(chunks: Iterable<Uint8Array>): Uint8Array {
  const list = [...chunks];
  const out = new Uint8Array(list.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of list) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Reads a zip's central directory without any zip library. */
function centralDirectory(zip: Uint8Array) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  expect(view.getUint32(eocd, true)).toBe(0x06054b50);
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(p, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(p + 28, true);
    const entry = {
      method: view.getUint16(p + 10, true),
      crc32: view.getUint32(p + 16, true),
      size: view.getUint32(p + 24, true),
      offset: view.getUint32(p + 42, true),
      name: new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLength)),
    };
    entries.push(entry);
    p += 46 + nameLength;
  }
  return entries;
}

describe("generated zip archives", () => {
  const plan = planArchive(input);

  it("lands close to the requested size with one file per resource", () => {
    expect(plan.size).toBeLessThanOrEqual(input.archiveBytes);
    expect(plan.size).toBeGreaterThan(input.archiveBytes - 3 * 1024);
    expect(plan.entries.map((e) => e.name)).toEqual([
      "Portability/My Activity/YouTube/MyActivity.json",
      "Portability/YouTube and YouTube Music/comments.json",
      "Portability/Chrome/history.json",
    ]);
  });

  it("writes a valid stored zip whose CRCs match the content, and JSON files that parse", async () => {
    const digest = await digestArchive(plan, { md5: true });
    const zip = concat(zipChunks(plan, digest.crc32s, 0, plan.size));
    expect(zip.length).toBe(plan.size);
    const entries = centralDirectory(zip);
    for (const entry of entries) {
      expect(entry.method).toBe(0);
      const dataStart = entry.offset + 30 + new TextEncoder().encode(entry.name).length;
      const data = zip.subarray(dataStart, dataStart + entry.size);
      expect(zlibCrc32(data)).toBe(entry.crc32);
      const records = JSON.parse(new TextDecoder().decode(data)) as Record<string, string>[];
      expect(records.length).toBeGreaterThan(10);
      for (const record of records) {
        const time = Date.parse(record["time"] ?? record["created"]!);
        expect(time).toBeGreaterThanOrEqual(input.fromMs);
        expect(time).toBeLessThanOrEqual(input.toMs);
      }
    }
    const dir = mkdtempSync(join(tmpdir(), "dp-zip-"));
    writeFileSync(join(dir, "a.zip"), zip);
    expect(execFileSync("unzip", ["-t", join(dir, "a.zip")]).toString()).toContain(
      "No errors detected",
    );
  });

  it("serves any byte range identical to the same slice of the whole", async () => {
    const digest = await digestArchive(plan, { md5: false });
    const whole = concat(zipChunks(plan, digest.crc32s, 0, plan.size));
    for (const [start, end] of [
      [0, 1],
      [29, 31],
      [1000, 70_000],
      [plan.entries[1]!.headerOffset - 3, plan.entries[1]!.dataOffset + 600],
      [plan.centralOffset - 5, plan.size],
      [plan.size - 1, plan.size],
    ] as const) {
      expect(concat(zipChunks(plan, digest.crc32s, start, end))).toEqual(
        whole.subarray(start, end),
      );
    }
  });

  it("is deterministic per seed and job, and differs otherwise", async () => {
    const a = await digestArchive(planArchive(input), { md5: true });
    const b = await digestArchive(planArchive(input), { md5: true });
    const c = await digestArchive(planArchive({ ...input, seed: 8 }), { md5: true });
    expect(a).toEqual(b);
    expect(c.crc32c).not.toBe(a.crc32c);
  });

  it("splits big shares into numbered parts and omits md5 when asked", async () => {
    const big = planArchive({
      ...input,
      resources: ["myactivity.search"],
      archiveBytes: 2 * MAX_FILE_BYTES + 1000,
    });
    expect(big.entries.map((e) => e.name)).toEqual([
      "Portability/My Activity/Search/MyActivity-001.json",
      "Portability/My Activity/Search/MyActivity-002.json",
      "Portability/My Activity/Search/MyActivity-003.json",
    ]);
    const digest = await digestArchive(big, { md5: false });
    expect(digest.md5).toBeUndefined();
  });

  it("file chunks equal the records' text", () => {
    const file = plan.entries[0]!.file;
    const text = new TextDecoder().decode(concat(recordFileChunks(file, 0, plan.entries[0]!.size)));
    const lines = text.split("\n");
    expect(lines[0]).toBe("[");
    expect(lines[1]).toBe(`${recordText(file, 0)},`);
    expect(lines[file.records]).toBe(`${recordText(file, file.records - 1)} `);
    expect(JSON.parse(recordText(file, 600)).header).toBe("YouTube");
  });

  it("refuses sizes that would need zip64", () => {
    expect(() =>
      planArchive({ ...input, resources: ["myactivity.search"], archiveBytes: 5_000_000_000 }),
    ).toThrow(/zip64/);
  });
});
