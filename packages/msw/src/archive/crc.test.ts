import { randomBytes } from "node:crypto";
import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bytesToBase64, crc32cToBase64, createCrc32, createCrc32c } from "./crc.js";

const text = (s: string) => new TextEncoder().encode(s);

describe("CRC", () => {
  it("matches the standard check values", () => {
    const a = createCrc32();
    a.update(text("123456789"));
    expect(a.digest()).toBe(0xcbf43926);
    const c = createCrc32c();
    c.update(text("123456789"));
    expect(c.digest()).toBe(0xe3069283);
    const zeros = createCrc32c();
    zeros.update(new Uint8Array(32));
    expect(zeros.digest()).toBe(0x8a9136aa); // RFC 3720 B.4
  });

  it("CRC-32 agrees with zlib on random data fed in odd-sized pieces", () => {
    const data = randomBytes(100_003);
    const crc = createCrc32();
    for (let i = 0; i < data.length; i += 4_099) crc.update(data.subarray(i, i + 4_099));
    expect(crc.digest()).toBe(zlibCrc32(data));
  });

  it("append joins a part by its CRC and length as if its bytes had been fed", () => {
    const data = randomBytes(50_000);
    for (const create of [createCrc32, createCrc32c]) {
      const whole = create();
      whole.update(data);
      for (const split of [0, 1, 7, 4_096, 33_333, 50_000]) {
        const head = create();
        head.update(data.subarray(0, split));
        const tail = create();
        tail.update(data.subarray(split));
        head.append(tail.digest(), data.length - split);
        expect(head.digest()).toBe(whole.digest());
      }
    }
    // A long run of zeros, whose CRC is known without feeding it byte by byte.
    const zeros = new Uint8Array(3 * 1024 * 1024);
    const direct = createCrc32();
    direct.update(text("x"));
    direct.update(zeros);
    const joined = createCrc32();
    joined.update(text("x"));
    joined.append(zlibCrc32(zeros), zeros.length);
    expect(joined.digest()).toBe(direct.digest());
  });

  it("encodes CRC-32C and bytes the way x-goog-hash does", () => {
    expect(crc32cToBase64(0xe3069283)).toBe("4waSgw==");
    expect(bytesToBase64(new Uint8Array([1, 2, 3]))).toBe("AQID");
  });
});
