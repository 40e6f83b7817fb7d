import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "./invalid-argument-error.js";
import { normalizeJobId, validateResources, validateTimeRange } from "./validation.js";

const caught = (fn: () => unknown): InvalidArgumentError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  throw new Error("expected an InvalidArgumentError");
};

describe("validateResources", () => {
  it("accepts known, distinct resources", () => {
    expect(validateResources(["myactivity.youtube", "youtube.comments"])).toEqual([
      "myactivity.youtube",
      "youtube.comments",
    ]);
  });

  it("names the unknown entry and suggests the closest resource", () => {
    const error = caught(() => validateResources(["youtube.comments", "myactivity.youtub"]));
    expect(error.field).toBe("resources[1]");
    expect(error.suggestion).toBe("myactivity.youtube");
    expect(error.message).toContain('did you mean "myactivity.youtube"?');
    expect(error.allowed).toMatch(/RESOURCES/);
  });

  it("gives no suggestion for something far from every resource", () => {
    expect(caught(() => validateResources(["banana-split-sundae"])).suggestion).toBeUndefined();
  });

  it("refuses an empty list, a non-list and duplicates", () => {
    expect(caught(() => validateResources([])).field).toBe("resources");
    expect(caught(() => validateResources("myactivity.youtube")).field).toBe("resources");
    const duplicate = caught(() => validateResources(["maps.reviews", "maps.reviews"]));
    expect(duplicate.field).toBe("resources[1]");
    expect(duplicate.message).toMatch(/duplicate/);
  });

  it("refuses non-string entries", () => {
    expect(caught(() => validateResources([42])).field).toBe("resources[0]");
  });
});

describe("normalizeJobId", () => {
  it("accepts IDs and resource names", () => {
    expect(normalizeJobId("abc-123_x.y~z")).toBe("abc-123_x.y~z");
    expect(normalizeJobId("archiveJobs/abc123")).toBe("abc123");
    expect(normalizeJobId("archiveJobs/abc123/portabilityArchiveState")).toBe("abc123");
  });

  it.each([
    ["", "empty"],
    ["   ", "blank"],
    ["a/b", "slash"],
    ["..", "dot-dot"],
    [".", "dot"],
    ["../x", "parent path"],
    ["a%2Fb", "encoded slash"],
    ["a?b=1", "query"],
    ["a#b", "fragment"],
    ["a b", "space"],
    ["archiveJobs/../x", "name with parent path"],
  ])("refuses %j (%s) before any request", (value) => {
    const error = caught(() => normalizeJobId(value));
    expect(error.field).toBe("jobId");
    expect(error.allowed).toMatch(/letters, digits/);
  });

  it("refuses non-strings", () => {
    expect(caught(() => normalizeJobId(undefined)).field).toBe("jobId");
    expect(caught(() => normalizeJobId(12)).field).toBe("jobId");
  });
});

describe("validateTimeRange", () => {
  it("accepts Dates, epoch milliseconds and RFC 3339 strings with a zone", () => {
    const { startTime, endTime } = validateTimeRange(
      "2026-01-01T00:00:00+01:00",
      Date.parse("2026-01-02T00:00:00Z"),
    );
    expect(startTime?.toISOString()).toBe("2025-12-31T23:00:00.000Z");
    expect(endTime?.toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect(validateTimeRange(new Date(0), undefined).startTime?.getTime()).toBe(0);
    expect(validateTimeRange(undefined, undefined)).toEqual({
      startTime: undefined,
      endTime: undefined,
    });
  });

  it("refuses malformed times, naming the field", () => {
    expect(caught(() => validateTimeRange("yesterday", undefined)).field).toBe("startTime");
    expect(caught(() => validateTimeRange(undefined, "2026-01-01")).field).toBe("endTime");
    expect(caught(() => validateTimeRange(undefined, "2026-01-01T00:00:00")).field).toBe("endTime");
    expect(caught(() => validateTimeRange(new Date("nope"), undefined)).field).toBe("startTime");
    expect(caught(() => validateTimeRange(Number.NaN, undefined)).field).toBe("startTime");
  });

  it("refuses a reversed or empty range", () => {
    const error = caught(() => validateTimeRange("2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z"));
    expect(error.field).toBe("startTime");
    expect(error.allowed).toMatch(/earlier than endTime/);
    expect(() => validateTimeRange(5, 5)).toThrow(InvalidArgumentError);
  });
});
