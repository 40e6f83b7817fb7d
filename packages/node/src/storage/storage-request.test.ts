import { describe, expect, it } from "vitest";
import { notAnArchive, parseContentRange } from "./storage-request.js";

const HASH = "crc32c=yZRlqg==";

describe("notAnArchive", () => {
  it("accepts what Cloud Storage sends: a size and a checksum", () => {
    expect(notAnArchive(200, { "content-length": "11", "x-goog-hash": HASH })).toBeUndefined();
    expect(
      notAnArchive(206, {
        "content-range": "bytes 5-10/11",
        "x-goog-hash": "md5=XrY7u+Ae7tCTyyK7j1rNww==",
      }),
    ).toBeUndefined();
    expect(
      notAnArchive(200, {
        "content-type": "application/zip",
        "content-length": "11",
        "x-goog-hash": HASH,
      }),
    ).toBeUndefined();
  });

  it("names every missing piece of a captive portal's page", () => {
    expect(notAnArchive(200, { "content-type": "text/html; charset=utf-8" })).toBe(
      "an HTML page (text/html), no Content-Length, no checksum in x-goog-hash",
    );
  });

  it("refuses HTML even with a size and a checksum", () => {
    expect(
      notAnArchive(200, {
        "content-type": "Application/XHTML+XML",
        "content-length": "11",
        "x-goog-hash": HASH,
      }),
    ).toBe("an HTML page (application/xhtml+xml)");
  });

  it("wants the size from Content-Range on a 206, and a well-formed checksum", () => {
    expect(notAnArchive(206, { "content-length": "6", "x-goog-hash": HASH })).toBe(
      "no size in Content-Range",
    );
    expect(notAnArchive(206, { "content-range": "bytes 5-10/*", "x-goog-hash": HASH })).toBe(
      "no size in Content-Range",
    );
    expect(notAnArchive(200, { "content-length": "11", "x-goog-hash": "crc32c=nope" })).toBe(
      "no checksum in x-goog-hash",
    );
    expect(notAnArchive(200, { "content-length": "-1", "x-goog-hash": HASH })).toBe(
      "no Content-Length",
    );
  });
});

describe("parseContentRange", () => {
  it("reads ranges, unknown totals and unsatisfiable answers", () => {
    expect(parseContentRange("bytes 0-9/100")).toEqual({ start: 0, end: 9, total: 100 });
    expect(parseContentRange("bytes */100")).toEqual({ total: 100 });
    expect(parseContentRange("bytes 0-9/*")).toEqual({ start: 0, end: 9 });
    expect(parseContentRange("items 0-9/100")).toBeUndefined();
  });
});
