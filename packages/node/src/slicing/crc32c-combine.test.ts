import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { crc32c } from "../commonjs-deps.js";
import { combineCrc32c } from "./crc32c-combine.js";

describe("combineCrc32c", () => {
  it.each([
    [0, 1],
    [1, 0],
    [1, 1],
    [7, 13],
    [4096, 65_537],
    [1_000_003, 999_983],
  ])("equals the CRC32C of the joined runs (%i + %i bytes)", (a, b) => {
    const first = randomBytes(a);
    const second = randomBytes(b);
    const whole = crc32c(Buffer.concat([first, second])) >>> 0;
    expect(combineCrc32c(crc32c(first), crc32c(second), b)).toBe(whole);
  });

  it("folds many slices in order, as a sliced download does", () => {
    const data = randomBytes(300_001);
    const cuts = [0, 75_000, 150_000, 225_000, data.length];
    let combined = 0;
    for (let i = 0; i + 1 < cuts.length; i++) {
      const slice = data.subarray(cuts[i], cuts[i + 1]);
      combined = combineCrc32c(combined, crc32c(slice), slice.length);
    }
    expect(combined).toBe(crc32c(data) >>> 0);
  });

  it("stays associative for lengths past 2^32 (objects over 4 GiB)", () => {
    // combine(combine(a, b, x), c, y) = combine(a, combine(b, c, y), x + y) for any CRCs.
    const [a, b, c] = [0x12345678, 0x9abcdef0, 0x0fedcba9];
    const x = 2 ** 32 + 3;
    const y = 2 ** 31 + 7;
    expect(combineCrc32c(combineCrc32c(a, b, x), c, y)).toBe(
      combineCrc32c(a, combineCrc32c(b, c, y), x + y),
    );
  });
});
