import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fixedFileBytes } from "./fixed-file.js";
import { mediaPlaceholder } from "./media-placeholder.js";
import { type FixedFileShape, fixedShapes } from "./record-shape.js";

const FROM = Date.parse("2025-01-01T00:00:00Z");
const TO = Date.parse("2025-06-01T00:00:00Z");
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("media placeholders", () => {
  it("start with the signature of the format their extension names", () => {
    const starts: [string, number[]][] = [
      ["a.jpg", [0xff, 0xd8, 0xff, 0xe0]],
      ["a.JPEG", [0xff, 0xd8, 0xff, 0xe0]],
      ["a.png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
      ["a.gif", [...new TextEncoder().encode("GIF89a")]],
      ["a.webp", [...new TextEncoder().encode("RIFF")]],
      ["a.mp4", [0, 0, 0, 24, ...new TextEncoder().encode("ftypisom")]],
      ["a.mp3", [...new TextEncoder().encode("ID3"), 4]],
      ["a.kmz", [0x50, 0x4b, 0x03, 0x04]],
    ];
    for (const [name, start] of starts) {
      expect([...mediaPlaceholder(name, "x.y").subarray(0, start.length)], name).toEqual(start);
    }
    expect(text(mediaPlaceholder("a.kml", "mymaps.map"))).toContain("<kml ");
    expect(text(mediaPlaceholder("a.csv", "youtube.clip"))).toContain("youtube.clip");
  });

  it("are whole files: a JPEG ends with EOI, a PNG's image data inflates, a KMZ unzips", () => {
    const jpeg = mediaPlaceholder("a.jpg", "x.y");
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
    const png = mediaPlaceholder("a.png", "x.y");
    const idat = png.subarray(8 + 25 + 8, 8 + 25 + 8 + new DataView(png.buffer).getUint32(33));
    expect([...inflateSync(idat)]).toEqual([0, 0x80]);
    const dir = mkdtempSync(join(tmpdir(), "dp-kmz-"));
    writeFileSync(join(dir, "map.kmz"), mediaPlaceholder("map.kmz", "mymaps.map"));
    expect(execFileSync("unzip", ["-p", join(dir, "map.kmz"), "doc.kml"]).toString()).toContain(
      "<Placemark>",
    );
  });
});

describe("files of objects without records", () => {
  it("are HTML bookmark pages whose links were added inside the window", () => {
    const [shape] = fixedShapes("chrome.bookmarks");
    const page = text(fixedFileBytes(shape!, "Bookmarks.html", "chrome.bookmarks", 5, FROM, TO));
    expect(page.startsWith("<!DOCTYPE NETSCAPE-Bookmark-file-1>")).toBe(true);
    const dates = [...page.matchAll(/ADD_DATE="(\d+)"/g)].map((m) => Number(m[1]) * 1000);
    expect(dates.length).toBeGreaterThan(0);
    for (const ms of dates) {
      expect(ms).toBeGreaterThanOrEqual(FROM - 1000);
      expect(ms).toBeLessThanOrEqual(TO);
    }
  });

  it("are JSON objects with the required fields, nested, and timestamps inside the window", () => {
    const shape: FixedFileShape = {
      key: "test.settings",
      title: "Settings",
      layout: "json-object",
      pattern: "Test/Settings*.json",
      fields: [
        { name: "id", required: true, type: "string" },
        { name: "updated", required: true, type: "timestamp" },
        {
          name: "owner",
          required: true,
          type: "object",
          children: [{ name: "since", required: true, type: "timestamp" }],
        },
      ],
    };
    for (const seed of [1, 2, 3]) {
      const value = JSON.parse(
        text(fixedFileBytes(shape, "Settings.json", "chrome.settings", seed, FROM, TO)),
      ) as { id: string; updated: string; owner: { since: string } };
      expect(value.id).toMatch(/^[\w-]{16}$/);
      for (const time of [value.updated, value.owner.since]) {
        expect(Date.parse(time)).toBeGreaterThanOrEqual(FROM);
        expect(Date.parse(time)).toBeLessThanOrEqual(TO);
      }
    }
  });
});
