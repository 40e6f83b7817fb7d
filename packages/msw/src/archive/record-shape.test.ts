import { ARCHIVE_OBJECTS, type ArchiveObjectInfo } from "@dataportability/spec/archive";
import { describe, expect, it } from "vitest";
import { readRecordFile, recordFileSize } from "./archive-records.js";
import {
  CSV_PREAMBLE,
  fixedShapes,
  pathFromPattern,
  recordShape,
  recordShapes,
  splittable,
} from "./record-shape.js";
import {
  RECORD_TEMPLATES,
  RECORD_WIDTH,
  type RecordFileSpec,
  recordTimeMs,
} from "./record-text.js";

function object(
  layout: "csv" | "json-array",
  fields: ArchiveObjectInfo["fields"],
  extra: Partial<ArchiveObjectInfo> = {},
) {
  return {
    ...extra,
    key: "test.object",
    service: "test",
    id: "object",
    title: "Test object",
    layout,
    formats: [layout === "csv" ? "csv" : "json"],
    resourceGroups: { "youtube.comments": ["YouTube/**/comments*.csv"] },
    sniff: [],
    fields,
    check: undefined,
  } satisfies ArchiveObjectInfo;
}

function spec(shapeOf: ArchiveObjectInfo, records: number): RecordFileSpec {
  return {
    resource: "youtube.comments",
    product: "YouTube",
    records,
    seed: 3,
    fromMs: Date.parse("2025-01-01T00:00:00Z"),
    toMs: Date.parse("2025-03-01T00:00:00Z"),
    shape: recordShape(shapeOf, "YouTube/**/comments*.csv"),
  };
}

function wholeFile(file: RecordFileSpec, piece: number): string {
  const out: number[] = [];
  const buffer = new Uint8Array(piece);
  for (let at = 0; ; ) {
    const n = readRecordFile(file, at, buffer);
    if (n === 0) break;
    out.push(...buffer.subarray(0, n));
    at += n;
  }
  expect(out).toHaveLength(recordFileSize(file.records, file.shape));
  return new TextDecoder().decode(new Uint8Array(out));
}

describe("file paths from catalog patterns", () => {
  it.each([
    ["My Activity/YouTube/*.json", "", "My Activity/YouTube/MyActivity.json"],
    ["My Activity/YouTube/*.json", "-002", "My Activity/YouTube/MyActivity-002.json"],
    [
      "{YouTube and YouTube Music,YouTube}/**/comments*.csv",
      "-001",
      "YouTube and YouTube Music/comments-001.csv",
    ],
    ["{Shopping,Google Shopping}/*product*review*.csv", "", "Shopping/productreview.csv"],
    ["YouTube/playlists/*-videos.csv", "-001", "YouTube/playlists/MyActivity-001-videos.csv"],
    ["{Maps,Maps (your places)}/**/*{dish,dishes}*.json", "", "Maps/dish.json"],
    ["YouTube/channels/channel.csv", "-001", "YouTube/channels/channel.csv"],
  ])("%s with label %j → %s", (pattern, label, path) => {
    expect(pathFromPattern(pattern, "MyActivity", label)).toBe(path);
  });

  it("number parts only where the file name has a wildcard", () => {
    expect(splittable("YouTube/**/comments*.csv")).toBe(true);
    expect(splittable("YouTube/*/channel.csv")).toBe(false);
  });
});

describe("record shapes", () => {
  it("come from the catalog for catalogued groups and are absent for the others", () => {
    expect(recordShapes("myactivity.youtube").map((shape) => shape.key)).toEqual([
      "my_activity.activity",
    ]);
    expect(recordShapes("chrome.bookmarks")).toEqual([]);
    expect(fixedShapes("chrome.bookmarks").map((shape) => shape.layout)).toEqual(["html"]);
    expect(fixedShapes("myactivity.youtube").map((shape) => shape.key)).toEqual([
      "my_activity.image_attachment",
    ]);
  });

  it("can be written for every catalog object: names are ASCII without quotes, backslashes or commas", () => {
    for (const object of ARCHIVE_OBJECTS) {
      for (const name of [...object.fields.map((field) => field.name), object.recordsAt ?? ""]) {
        expect(name, object.key).toMatch(/^[\x20-\x7e]*$/);
        expect(name, object.key).not.toMatch(/["\\,]/);
      }
    }
  });

  it("write CSV rows of RECORD_WIDTH bytes under a header, first timestamp patched per row", () => {
    const csv = object("csv", [
      { name: "Comment ID", type: "string", required: true },
      { name: "Likes", type: "integer", required: false },
      { name: "Created", type: "timestamp", required: false },
      { name: "Pinned", type: "boolean", required: false },
    ]);
    const file = spec(csv, RECORD_TEMPLATES + 3);
    const text = wholeFile(file, 1000);
    expect(wholeFile(file, 64)).toBe(text);
    const lines = text.split("\n");
    expect(lines[0]).toBe("Comment ID,Likes,Created,Pinned,emulator_padding");
    expect(lines.at(-1)).toBe("");
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(file.records);
    rows.forEach((row, index) => {
      expect(row).toHaveLength(RECORD_WIDTH - 1);
      const [id, likes, created, pinned] = row.split(",");
      expect(id).toMatch(/^[\w-]{16}$/);
      expect(likes).toMatch(/^(\d+)?$/);
      expect(created).toBe(new Date(recordTimeMs(file, index)).toISOString());
      expect(pinned).toMatch(/^(true|false)?$/);
    });
  });

  it("write nested JSON objects for dotted names, padded with spaces", () => {
    const json = object("json-array", [
      { name: "order.id", type: "string", required: true },
      { name: "order.placed", type: "timestamp", required: false },
      { name: "tags", type: "list<string>", required: true },
    ]);
    const file = spec(json, 3);
    const records = JSON.parse(wholeFile(file, 100)) as Record<string, unknown>[];
    expect(records).toHaveLength(3);
    records.forEach((record, index) => {
      expect(record).toEqual({
        order: {
          id: expect.stringMatching(/^[\w-]{16}$/),
          placed: new Date(recordTimeMs(file, index)).toISOString(),
        },
        tags: [expect.any(String)],
      });
    });
  });

  it("write a preamble before the header where the catalog allows one, and JSON text in the cells of structured fields", () => {
    const csv = object(
      "csv",
      [
        { name: "Title", type: "string", required: true },
        { name: "Segments", type: "list<object>", required: true },
        { name: "Labels", type: "list<string>", required: true },
      ],
      { preambleRows: 2 },
    );
    const file = spec(csv, 3);
    const lines = wholeFile(file, 100).split("\n");
    expect(lines.slice(0, 3)).toEqual([CSV_PREAMBLE, "", "Title,Segments,Labels,emulator_padding"]);
    for (const row of lines.slice(3, -1)) {
      const cells = /^[^,]+,"((?:[^"]|"")*)","((?:[^"]|"")*)",/.exec(row);
      expect(cells, row).not.toBeNull();
      const [segments, labels] = [cells![1]!, cells![2]!].map((cell) =>
        JSON.parse(cell.replaceAll('""', '"')),
      );
      expect(segments).toEqual([{ name: expect.any(String) }]);
      expect(labels).toEqual([expect.any(String)]);
    }
  });
});
