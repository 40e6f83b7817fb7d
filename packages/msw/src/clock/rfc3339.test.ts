import { describe, expect, it } from "vitest";
import { formatTimestamp, parseTimestamp } from "./rfc3339.js";

describe("RFC 3339 timestamps as the API writes them", () => {
  it("writes Z-normalized times with 0, 3, 6 or 9 fractional digits, the fewest that fit", () => {
    const at = Date.UTC(2014, 9, 2, 15, 1, 23);
    expect(formatTimestamp(at)).toBe("2014-10-02T15:01:23Z");
    expect(formatTimestamp(at + 45)).toBe("2014-10-02T15:01:23.045Z");
    expect(formatTimestamp(at + 45, 123_000)).toBe("2014-10-02T15:01:23.045123Z");
    expect(formatTimestamp(at + 45, 123_456)).toBe("2014-10-02T15:01:23.045123456Z");
    expect(formatTimestamp(at + 500)).toBe("2014-10-02T15:01:23.500Z");
  });

  it("reads offsets and up to nine digits, and writes them back in UTC", () => {
    const parsed = parseTimestamp("2014-10-02T15:01:23.045123456+05:30")!;
    expect(parsed).toEqual({ ms: Date.UTC(2014, 9, 2, 9, 31, 23, 45), subMsNanos: 123_456 });
    expect(formatTimestamp(parsed.ms, parsed.subMsNanos)).toBe("2014-10-02T09:31:23.045123456Z");
    const short = parseTimestamp("2014-10-02T15:01:23.5Z")!;
    expect(formatTimestamp(short.ms, short.subMsNanos)).toBe("2014-10-02T15:01:23.500Z");
  });

  it("refuses what is not an RFC 3339 timestamp", () => {
    for (const text of [
      "2014-10-02",
      "2014-10-02T15:01:23",
      "2014-10-02T15:01:23.1234567890Z",
      "x",
    ]) {
      expect(parseTimestamp(text), text).toBeUndefined();
    }
  });
});
