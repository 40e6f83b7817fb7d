import { expectError } from "@dataportability/test-support";
import { describe, expect, it } from "vitest";
import { CliError } from "../errors/cli-error.js";
import {
  parseDuration,
  parseJobId,
  parseMoment,
  parseResources,
  parseSlices,
} from "./parse-input.js";

const failure = (fn: () => unknown) => expectError(fn, CliError);

describe("parseResources", () => {
  it("accepts repeated and comma-separated names, without duplicates", () => {
    expect(parseResources(["myactivity.youtube,myactivity.search", "myactivity.youtube"])).toEqual([
      "myactivity.youtube",
      "myactivity.search",
    ]);
  });

  it("expands group.* to every resource of the group", () => {
    const chrome = parseResources(["chrome.*"]);
    expect(chrome).toContain("chrome.history");
    expect(chrome.every((r) => r.startsWith("chrome."))).toBe(true);
  });

  it("refuses unknown names with the closest one (exit code 2)", () => {
    const error = failure(() => parseResources(["myactivity.youtub"]));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('did you mean "myactivity.youtube"?');
    expect(error.hint).toContain("dataportability resources");
    expect(failure(() => parseResources(["nope.*"])).message).toContain('"nope.*"');
  });

  it("refuses an empty list and says how to name one", () => {
    expect(failure(() => parseResources([])).hint).toContain("--resource myactivity.youtube");
    expect(failure(() => parseResources(undefined)).exitCode).toBe(2);
  });
});

describe("parseMoment", () => {
  const now = new Date("2026-02-01T00:00:00Z");

  it("reads dates as UTC midnight, date-times as given, and spans back from now", () => {
    expect(parseMoment("--since", "2026-01-31").toISOString()).toBe("2026-01-31T00:00:00.000Z");
    expect(parseMoment("--since", "2026-01-31T12:30:00+01:00").toISOString()).toBe(
      "2026-01-31T11:30:00.000Z",
    );
    expect(parseMoment("--since", "30d", now).toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect(parseMoment("--since", "12h", now).toISOString()).toBe("2026-01-31T12:00:00.000Z");
    expect(parseMoment("--since", "2w", now).toISOString()).toBe("2026-01-18T00:00:00.000Z");
  });

  it("refuses anything else, naming the option", () => {
    const error = failure(() => parseMoment("--until", "yesterday"));
    expect(error.message).toBe('--until "yesterday" is not a date.');
    expect(error.exitCode).toBe(2);
    expect(() => parseMoment("--since", "2026-13-45")).toThrow(CliError);
  });
});

describe("parseJobId", () => {
  it("takes a bare ID or an archiveJobs name", () => {
    expect(parseJobId("123")).toBe("123");
    expect(parseJobId("archiveJobs/abc")).toBe("abc");
    expect(parseJobId("archiveJobs/abc/portabilityArchiveState")).toBe("abc");
  });

  it("refuses empty and malformed values", () => {
    expect(failure(() => parseJobId("")).message).toBe("No job ID given.");
    expect(failure(() => parseJobId("a/b/c")).exitCode).toBe(2);
  });
});

describe("parseDuration", () => {
  it("reads units", () => {
    expect(parseDuration("--timeout", "90s")).toBe(90_000);
    expect(parseDuration("--timeout", "15m")).toBe(900_000);
    expect(parseDuration("--timeout", "7d")).toBe(604_800_000);
    expect(parseDuration("--timeout", "250")).toBe(250);
  });

  it("refuses zero and text", () => {
    expect(() => parseDuration("--timeout", "0")).toThrow('--timeout "0" is not a duration.');
    expect(() => parseDuration("--timeout", "soon")).toThrow(CliError);
  });
});

describe("parseSlices", () => {
  it("takes a whole number from 1 to 16", () => {
    expect(parseSlices("1")).toBe(1);
    expect(parseSlices("16")).toBe(16);
  });

  it.each(["0", "17", "2.5", "four", ""])("refuses %j with exit code 2", (value) => {
    expect(() => parseSlices(value)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});
