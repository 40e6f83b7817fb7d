import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ArchiveHasher } from "./archive-hasher.js";

describe("ArchiveHasher", () => {
  it("produces x-goog-hash encodings, the same however the input is chunked", () => {
    const data = Buffer.from("hello world");
    const whole = new ArchiveHasher({ sha256: true });
    whole.update(data);
    const chunked = new ArchiveHasher({ sha256: true });
    for (let i = 0; i < data.length; i += 3) chunked.update(data.subarray(i, i + 3));
    const expected = {
      bytes: 11,
      crc32c: "yZRlqg==",
      md5: createHash("md5").update(data).digest("base64"),
      sha256: createHash("sha256").update(data).digest("hex"),
    };
    expect(whole.digest()).toEqual(expected);
    expect(chunked.digest()).toEqual(expected);
  });

  it("can add md5 before the first byte, never after", () => {
    const hasher = new ArchiveHasher({ md5: false });
    expect(hasher.hasMd5).toBe(false);
    hasher.enableMd5();
    hasher.update(Buffer.from("hello world"));
    expect(hasher.digest().md5).toBe("XrY7u+Ae7tCTyyK7j1rNww==");
    const late = new ArchiveHasher({ md5: false });
    late.update(Buffer.from("x"));
    expect(() => late.enableMd5()).toThrow(/before hashing/);
  });

  it("skips md5 when asked", () => {
    const hasher = new ArchiveHasher({ md5: false });
    hasher.update(Buffer.from("hello world"));
    expect(hasher.digest()).toEqual({ bytes: 11, crc32c: "yZRlqg==" });
  });
});
