import { describe, expect, it } from "vitest";
import { SeededRandom } from "../emulator/seeded-random.js";
import { DAY_MS, ISO_TIME_LENGTH, writeIsoTime } from "./iso-time.js";

function iso(ms: number): string {
  const out = new Uint8Array(32);
  const day = Math.floor(ms / DAY_MS);
  writeIsoTime(day, ms - day * DAY_MS, out, 3);
  const text = new TextDecoder().decode(out.subarray(3));
  return text.slice(0, text.indexOf("\0") < 0 ? undefined : text.indexOf("\0"));
}

describe("writeIsoTime", () => {
  it("writes what Date.prototype.toISOString writes, at the given offset", () => {
    const edges = [
      0,
      -1,
      1,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(1900, 1, 28, 12),
      Date.UTC(2100, 2, 1),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      Date.parse("0000-01-01T00:00:00.000Z"),
      Date.parse("9999-12-31T23:59:59.999Z"),
    ];
    const first = Date.parse("0000-01-01T00:00:00.000Z");
    const last = Date.parse("9999-12-31T23:59:59.999Z");
    const random = new SeededRandom(5);
    const samples = Array.from({ length: 5_000 }, () =>
      Math.floor(first + random.next() * (last - first)),
    );
    for (const ms of [...edges, ...samples]) {
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it("stays right for runs of times within a day and across days, in any order", () => {
    const start = Date.UTC(2026, 1, 27, 22);
    const random = new SeededRandom(9);
    const times = Array.from({ length: 5_000 }, (_, i) =>
      i % 7 === 0
        ? Math.floor(random.next() * 4e12)
        : start + Math.floor(random.next() * 4 * DAY_MS),
    );
    for (const ms of times) expect(iso(ms)).toBe(new Date(ms).toISOString());
  });

  it("writes exactly 24 bytes for years 0000 to 9999", () => {
    const out = new Uint8Array(40).fill(0x7e);
    writeIsoTime(20_000, 3_723_004, out, 8);
    expect(new TextDecoder().decode(out)).toBe(
      `${"~".repeat(8)}2024-10-04T01:02:03.004Z${"~".repeat(40 - 8 - ISO_TIME_LENGTH)}`,
    );
  });

  it("falls back to toISOString's extended years outside 0000–9999", () => {
    for (const ms of [
      Date.parse("+010000-01-01T00:00:00.000Z"),
      Date.parse("-000001-06-01T00:00:00.000Z"),
    ]) {
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
