import { describe, expect, it } from "vitest";
import { parseByteRange } from "./byte-range.js";

describe("parseByteRange", () => {
  it.each([
    ["bytes=0-99", { kind: "partial", start: 0, end: 99 }],
    ["bytes=100-", { kind: "partial", start: 100, end: 999 }],
    ["bytes=900-5000", { kind: "partial", start: 900, end: 999 }],
    ["bytes=-10", { kind: "partial", start: 990, end: 999 }],
    ["bytes=-5000", { kind: "partial", start: 0, end: 999 }],
    ["bytes=1000-", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    ["bytes=5-1", { kind: "full" }],
    ["bytes=0-1,5-9", { kind: "full" }],
    ["items=0-1", { kind: "full" }],
  ])("%s", (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });

  it("serves the whole object without a Range header", () => {
    expect(parseByteRange(null, 10)).toEqual({ kind: "full" });
  });
});
