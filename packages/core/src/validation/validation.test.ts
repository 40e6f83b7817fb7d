import { expectError } from "@dataportability/test-support";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import {
  isJobId,
  isSafeUrl,
  nonNegative,
  normalizeJobId,
  validateResources,
  validateTimeRange,
} from "./validation.js";

const caught = (fn: () => unknown) => expectError(fn, InvalidArgumentError);

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
    expect(error.allowed).toMatch(/archiveJobs\/\{id\}/);
    expect(isJobId(value)).toBe(false);
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
    expect(error.allowed).toMatch(/before endTime/);
    expect(() => validateTimeRange(5, 5)).toThrow(InvalidArgumentError);
  });
});

describe("huge inputs", () => {
  const huge = "x".repeat(1_000_000);

  it("quotes at most 100 characters of a value, with its length", () => {
    for (const error of [
      caught(() => normalizeJobId(huge)),
      caught(() => validateTimeRange(huge, undefined)),
      caught(() => validateResources([huge])),
    ]) {
      expect(error.message.length).toBeLessThan(300);
      expect(error.message).toContain(`"${"x".repeat(99)}…`);
    }
  });
});

describe("nonNegative", () => {
  it("passes finite numbers of at least 0 and undefined", () => {
    expect(nonNegative(0, "timeoutMs")).toBe(0);
    expect(nonNegative(1.5, "timeoutMs")).toBe(1.5);
    expect(nonNegative(undefined, "timeoutMs")).toBeUndefined();
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, "5", null])("refuses %j", (value) => {
    const error = caught(() => nonNegative(value, "maxWaitMs"));
    expect(error.field).toBe("maxWaitMs");
    expect(error.allowed).toMatch(/>= 0/);
  });
});

describe("isSafeUrl", () => {
  it.each([
    "https://storage.googleapis.com/b/a.zip?X-Goog-Signature=x",
    "HTTPS://EXAMPLE.COM",
    "http://127.0.0.1:8080/storage/a.zip",
    "http://127.1.2.3/",
    "http://localhost:3000/x",
    "http://[::1]:9/",
  ])("accepts %s", (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "data:text/html,x",
    "file:///etc/passwd",
    "http://example.com/a.zip",
    "http://127.0.0.1.evil.example/",
    "http://localhost.evil.example/",
    "http://127.0.0.1:80@evil.example/",
    "//storage.googleapis.com/a.zip",
    "not a url",
    42,
    undefined,
  ])("refuses %j", (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });
});
