import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { digestArchive, sha256OfArchive } from "./archive-digest.js";
import { type ArchivePlanInput, MAX_FILE_BYTES, planArchive } from "./archive-plan.js";
import { readRecordFile, recordFileSize } from "./archive-records.js";
import { crc32cToBase64, createCrc32c } from "./crc.js";
import { recordText } from "./record-text.js";
import { readZip } from "./stored-zip.js";

const input: ArchivePlanInput = {
  seed: 7,
  jobId: "123",
  index: 0,
  count: 1,
  resources: ["myactivity.youtube", "youtube.posts", "chrome.settings"],
  fromMs: Date.parse("2025-01-01T00:00:00Z"),
  toMs: Date.parse("2026-01-01T00:00:00Z"),
  archiveBytes: 300_000,
  modifiedAtMs: Date.parse("2026-01-02T03:04:06Z"),
};

/** Bytes [start, end) read through a buffer of `piece` bytes, checking each read fills it. */
function readAll(
  read: (position: number, into: Uint8Array) => number,
  start: number,
  end: number,
  piece = 65_536,
): Uint8Array {
  const out = new Uint8Array(end - start);
  const buffer = new Uint8Array(piece);
  for (let at = start; at < end; ) {
    const n = read(at, buffer.subarray(0, Math.min(piece, end - at)));
    expect(n).toBe(Math.min(piece, end - at));
    out.set(buffer.subarray(0, n), at - start);
    at += n;
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

  it("lands close to the requested size with the files of every catalog object", () => {
    expect(plan.size).toBeLessThanOrEqual(input.archiveBytes);
    expect(plan.size).toBeGreaterThan(input.archiveBytes - 3 * 1024);
    expect(plan.entries.map((e) => e.name)).toEqual([
      "Portability/My Activity/YouTube/MyActivity.json",
      // Groups whose objects hold no records get a filler no catalog pattern claims.
      "Portability/Emulator filler/youtube.posts.txt",
      "Portability/Emulator filler/chrome.settings.txt",
      "Portability/My Activity/YouTube/MyActivity-001.jpg",
      "Portability/My Activity/YouTube/MyActivity-002.jpg",
      "Portability/YouTube and YouTube Music/posts/posts-001.csv",
      "Portability/YouTube and YouTube Music/posts/posts-002.csv",
      "Portability/Chrome/Settings.json",
    ]);
  });

  it("writes a valid stored zip whose CRCs match the content, and JSON files that parse", async () => {
    const digest = await digestArchive(plan, { md5: true });
    const zip = readAll((at, into) => readZip(plan, digest.crc32s, at, into), 0, plan.size);
    expect(zip.length).toBe(plan.size);
    const entries = centralDirectory(zip);
    const recordFiles = new Set(
      plan.entries.filter((e) => !("bytes" in e.file)).map((e) => e.name),
    );
    for (const entry of entries) {
      expect(entry.method).toBe(0);
      const dataStart = entry.offset + 30 + new TextEncoder().encode(entry.name).length;
      const data = zip.subarray(dataStart, dataStart + entry.size);
      expect(zlibCrc32(data)).toBe(entry.crc32);
      if (!recordFiles.has(entry.name)) continue;
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
    const read = (at: number, into: Uint8Array) => readZip(plan, digest.crc32s, at, into);
    const whole = new Uint8Array(plan.size);
    expect(readZip(plan, digest.crc32s, 0, whole)).toBe(plan.size);
    expect(readZip(plan, digest.crc32s, plan.size, new Uint8Array(10))).toBe(0);
    expect(readZip(plan, digest.crc32s, plan.size - 3, new Uint8Array(10))).toBe(3);
    for (const [start, end] of [
      [0, 1],
      [29, 31],
      [1000, 70_000],
      [plan.entries[1]!.headerOffset - 3, plan.entries[1]!.dataOffset + 600],
      [plan.centralOffset - 5, plan.size],
      [plan.size - 1, plan.size],
    ] as const) {
      for (const piece of [1, 5, 511, 513, 4099, 65_536]) {
        if ((end - start) / piece > 5_000) continue;
        // Buffer.compare: element-wise deep equality is slow for arrays this long.
        expect(Buffer.compare(readAll(read, start, end, piece), whole.subarray(start, end))).toBe(
          0,
        );
      }
    }
  });

  it("keeps the same bytes from release to release", async () => {
    expect(await digestArchive(plan, { md5: true })).toEqual({
      size: 299_817,
      crc32s: [
        2709326925, 2123354093, 1694377022, 1348802759, 1348802759, 3624357864, 3624357864,
        3718361094,
      ],
      crc32c: "x8H3Ww==",
      md5: "h8XX7yVj0frhpovaVAh6XQ==",
    });
  });

  it("digests match hashing the archive's bytes", async () => {
    const big = planArchive({ ...input, archiveBytes: 2_000_000 });
    expect(big.entries.length).toBe(8);
    for (const md5 of [true, false]) {
      const digest = await digestArchive(big, { md5 });
      const zip = new Uint8Array(big.size);
      readZip(big, digest.crc32s, 0, zip);
      const crc = createCrc32c();
      crc.update(zip);
      expect(digest.crc32c).toBe(crc32cToBase64(crc.digest()));
      expect(digest.md5).toBe(md5 ? createHash("md5").update(zip).digest("base64") : undefined);
      expect(await sha256OfArchive(big, digest.crc32s)).toBe(
        createHash("sha256").update(zip).digest("hex"),
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
      "Portability/My Activity/Search/MyActivity-001.jpg",
      "Portability/My Activity/Search/MyActivity-002.jpg",
    ]);
    const digest = await digestArchive(big, { md5: false });
    expect(digest.md5).toBeUndefined();
  });

  it("file reads equal the records' text, whatever the buffer size", () => {
    const file = plan.entries[0]!.file;
    if ("bytes" in file) throw new Error("expected a record file");
    const size = recordFileSize(file.records);
    const read = (at: number, into: Uint8Array) => readRecordFile(file, at, into);
    const text = new TextDecoder().decode(readAll(read, 0, size));
    const lines = text.split("\n");
    expect(lines[0]).toBe("[");
    expect(lines[1]).toBe(`${recordText(file, 0)},`);
    expect(lines[file.records]).toBe(`${recordText(file, file.records - 1)} `);
    expect(JSON.parse(recordText(file, 600)).header).toBe("YouTube");
    for (const piece of [7, 512, 1000]) {
      expect(new TextDecoder().decode(readAll(read, 0, size, piece))).toBe(text);
    }
    expect(new TextDecoder().decode(readAll(read, 700, 5000, 333))).toBe(text.slice(700, 5000));
  });

  it("refuses sizes that would need zip64", () => {
    expect(() =>
      planArchive({ ...input, resources: ["myactivity.search"], archiveBytes: 5_000_000_000 }),
    ).toThrow(/zip64/);
  });
});
