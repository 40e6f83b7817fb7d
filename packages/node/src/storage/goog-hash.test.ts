import { describe, expect, it } from "vitest";
import { parseGoogHash } from "./goog-hash.js";

describe("parseGoogHash", () => {
  it("reads a comma-joined header", () => {
    expect(parseGoogHash("crc32c=yZRlqg==, md5=XrY7u+Ae7tCTyyK7j1rNww==")).toEqual({
      crc32c: "yZRlqg==",
      md5: "XrY7u+Ae7tCTyyK7j1rNww==",
    });
  });

  it("reads repeated headers and tolerates case and spacing", () => {
    expect(parseGoogHash(["CRC32C = yZRlqg==", "md5=XrY7u+Ae7tCTyyK7j1rNww=="])).toEqual({
      crc32c: "yZRlqg==",
      md5: "XrY7u+Ae7tCTyyK7j1rNww==",
    });
  });

  it("ignores missing, unknown and malformed values", () => {
    expect(parseGoogHash(undefined)).toEqual({});
    expect(parseGoogHash("sha1=abc, crc32c=not-base64!, md5=AAAA")).toEqual({});
    expect(parseGoogHash("crc32c=yZRlqg==")).toEqual({ crc32c: "yZRlqg==" });
  });
});
