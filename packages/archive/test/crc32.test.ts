import { crc32 as reference } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32 } from "../src/zip/crc32.js";

describe("crc32", () => {
  it("matches the zip polynomial's check value and Node's zlib, in one piece or many", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    const bytes = new Uint8Array(10_007).map((_, i) => (i * 31 + 7) & 0xff);
    const expected = reference(bytes);
    expect(crc32(bytes)).toBe(expected);
    expect(crc32(bytes.subarray(3000), crc32(bytes.subarray(0, 3000)))).toBe(expected);
  });
});
