import { describe, expect, it } from "vitest";
import { archiveFileNames, safeFileName } from "./file-names.js";

const base = "https://storage.googleapis.com/bucket/job";

describe("safeFileName", () => {
  it("keeps the last path segment and never the query", () => {
    expect(safeFileName(`${base}/archive-001.zip?X-Goog-Signature=secret`)).toBe("archive-001.zip");
  });

  it("decodes escapes and replaces unsafe characters", () => {
    expect(safeFileName(`${base}/my%20archive%E2%80%94%C3%A9.zip`)).toBe("my_archive__.zip");
  });

  it("cannot be steered into another folder by encoded separators or dots", () => {
    expect(safeFileName(`${base}/..%2F..%2Fetc%2Fpasswd`)).toBe("passwd");
    expect(safeFileName(`${base}/..%5C..%5Cevil.zip`)).toBe("evil.zip");
    expect(safeFileName(`${base}/%2E%2E`)).toBe("bucket");
    expect(safeFileName(`${base}/...`)).toBe("archive.zip");
    expect(safeFileName(`${base}/.hidden.zip`)).toBe("hidden.zip");
  });

  it("falls back when the path is empty, and defuses device names and working-file suffixes", () => {
    expect(safeFileName("https://storage.googleapis.com/", "x.zip")).toBe("x.zip");
    expect(safeFileName(`${base}/CON.zip`)).toBe("_CON.zip");
    expect(safeFileName(`${base}/a.zip.part`)).toBe("a.zip.part_");
    expect(safeFileName(`${base}/a.zip.part.json`)).toBe("a.zip.part.json_");
  });

  it("caps long names but keeps the extension", () => {
    const name = safeFileName(`${base}/${"a".repeat(400)}.zip`);
    expect(name).toHaveLength(180);
    expect(name.endsWith(".zip")).toBe(true);
  });
});

describe("archiveFileNames", () => {
  it("makes names distinct, case-insensitively", () => {
    expect(
      archiveFileNames([
        `${base}/1/archive.zip?s=a`,
        `${base}/2/archive.zip?s=b`,
        `${base}/3/ARCHIVE.zip?s=c`,
        "https://storage.googleapis.com/?s=d",
      ]),
    ).toEqual(["archive.zip", "archive-2.zip", "ARCHIVE-3.zip", "archive-4.zip"]);
  });
});
